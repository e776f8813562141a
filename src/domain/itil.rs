//! The ITIL vocabulary a student is examined on.
//!
//! ITIL 4 organises service management into 34 *practices* in three groups.
//! The older ITIL v3 edition organises it as a service *lifecycle* of five
//! stages. ITIL Foundation candidates meet both, so every screen of ServiceLab
//! names the practice it serves and, where one exists, the v3 stage.

use serde::{Deserialize, Serialize};

/// The three groups of ITIL 4 practices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PracticeGroup {
    /// Practices adopted from general business management (e.g. risk, knowledge).
    GeneralManagement,
    /// Practices developed in service management (e.g. incident, change).
    ServiceManagement,
    /// Practices adapted from technology management (e.g. deployment).
    TechnicalManagement,
}

impl PracticeGroup {
    /// The group's name as ITIL 4 writes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::GeneralManagement => "General management practices",
            Self::ServiceManagement => "Service management practices",
            Self::TechnicalManagement => "Technical management practices",
        }
    }
}

macro_rules! practices {
    ($($variant:ident => $name:literal, $group:ident;)*) => {
        /// One of the 34 ITIL 4 management practices.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Practice { $($variant,)* }

        impl Practice {
            /// Every practice, grouped as ITIL 4 lists them and alphabetical within a group.
            pub const ALL: &'static [Practice] = &[$(Practice::$variant,)*];

            /// The practice's name as ITIL 4 writes it.
            pub fn name(self) -> &'static str {
                match self { $(Practice::$variant => $name,)* }
            }

            /// The group the practice belongs to.
            pub fn group(self) -> PracticeGroup {
                match self { $(Practice::$variant => PracticeGroup::$group,)* }
            }
        }
    };
}

practices! {
    ArchitectureManagement => "Architecture management", GeneralManagement;
    ContinualImprovement => "Continual improvement", GeneralManagement;
    InformationSecurityManagement => "Information security management", GeneralManagement;
    KnowledgeManagement => "Knowledge management", GeneralManagement;
    MeasurementAndReporting => "Measurement and reporting", GeneralManagement;
    OrganizationalChangeManagement => "Organizational change management", GeneralManagement;
    PortfolioManagement => "Portfolio management", GeneralManagement;
    ProjectManagement => "Project management", GeneralManagement;
    RelationshipManagement => "Relationship management", GeneralManagement;
    RiskManagement => "Risk management", GeneralManagement;
    ServiceFinancialManagement => "Service financial management", GeneralManagement;
    StrategyManagement => "Strategy management", GeneralManagement;
    SupplierManagement => "Supplier management", GeneralManagement;
    WorkforceAndTalentManagement => "Workforce and talent management", GeneralManagement;
    AvailabilityManagement => "Availability management", ServiceManagement;
    BusinessAnalysis => "Business analysis", ServiceManagement;
    CapacityAndPerformanceManagement => "Capacity and performance management", ServiceManagement;
    ChangeEnablement => "Change enablement", ServiceManagement;
    IncidentManagement => "Incident management", ServiceManagement;
    ItAssetManagement => "IT asset management", ServiceManagement;
    MonitoringAndEventManagement => "Monitoring and event management", ServiceManagement;
    ProblemManagement => "Problem management", ServiceManagement;
    ReleaseManagement => "Release management", ServiceManagement;
    ServiceCatalogueManagement => "Service catalogue management", ServiceManagement;
    ServiceConfigurationManagement => "Service configuration management", ServiceManagement;
    ServiceContinuityManagement => "Service continuity management", ServiceManagement;
    ServiceDesign => "Service design", ServiceManagement;
    ServiceDesk => "Service desk", ServiceManagement;
    ServiceLevelManagement => "Service level management", ServiceManagement;
    ServiceRequestManagement => "Service request management", ServiceManagement;
    ServiceValidationAndTesting => "Service validation and testing", ServiceManagement;
    DeploymentManagement => "Deployment management", TechnicalManagement;
    InfrastructureAndPlatformManagement => "Infrastructure and platform management", TechnicalManagement;
    SoftwareDevelopmentAndManagement => "Software development and management", TechnicalManagement;
}

/// The five stages of the ITIL v3 (2011) service lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LifecycleStage {
    ServiceStrategy,
    ServiceDesign,
    ServiceTransition,
    ServiceOperation,
    ContinualServiceImprovement,
}

impl LifecycleStage {
    /// The stages in lifecycle order.
    pub const ALL: [LifecycleStage; 5] = [
        Self::ServiceStrategy,
        Self::ServiceDesign,
        Self::ServiceTransition,
        Self::ServiceOperation,
        Self::ContinualServiceImprovement,
    ];

    /// The stage's name as ITIL v3 writes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::ServiceStrategy => "Service Strategy",
            Self::ServiceDesign => "Service Design",
            Self::ServiceTransition => "Service Transition",
            Self::ServiceOperation => "Service Operation",
            Self::ContinualServiceImprovement => "Continual Service Improvement",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn itil4_has_34_practices_in_groups_of_14_17_and_3() {
        let count = |g| Practice::ALL.iter().filter(|p| p.group() == g).count();
        assert_eq!(Practice::ALL.len(), 34);
        assert_eq!(count(PracticeGroup::GeneralManagement), 14);
        assert_eq!(count(PracticeGroup::ServiceManagement), 17);
        assert_eq!(count(PracticeGroup::TechnicalManagement), 3);
    }

    #[test]
    fn practice_names_are_unique_and_alphabetical_within_a_group() {
        let names: HashSet<_> = Practice::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names.len(), Practice::ALL.len());
        for pair in Practice::ALL.windows(2) {
            if pair[0].group() == pair[1].group() {
                let (a, b) = (pair[0].name().to_lowercase(), pair[1].name().to_lowercase());
                assert!(a < b, "{:?} before {:?}", pair[0], pair[1]);
            }
        }
    }

    #[test]
    fn the_v3_lifecycle_has_five_stages() {
        let names: Vec<_> = LifecycleStage::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(names[0], "Service Strategy");
        assert_eq!(names[4], "Continual Service Improvement");
    }
}
