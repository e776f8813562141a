//! The sections of ServiceLab, their routes, and the ITIL practice each serves.
//!
//! One table drives the navigation, the routes and the page introductions, so
//! a section can never be reachable without saying what it is for.

use crate::domain::itil::{LifecycleStage, Practice};

/// A top-level area of the app, reachable from the navigation by its own URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Dashboard,
    Incidents,
    Requests,
    Problems,
    Changes,
    Catalogue,
    Slas,
    ConfigurationItems,
    Knowledge,
    Reports,
    Training,
    Data,
}

impl Section {
    /// Every section, in navigation order.
    pub const ALL: [Section; 12] = [
        Self::Dashboard,
        Self::Incidents,
        Self::Requests,
        Self::Problems,
        Self::Changes,
        Self::Catalogue,
        Self::Slas,
        Self::ConfigurationItems,
        Self::Knowledge,
        Self::Reports,
        Self::Training,
        Self::Data,
    ];

    /// The URL path of the section (also its deep link).
    pub fn path(self) -> &'static str {
        match self {
            Self::Dashboard => "/",
            Self::Incidents => "/incidents",
            Self::Requests => "/requests",
            Self::Problems => "/problems",
            Self::Changes => "/changes",
            Self::Catalogue => "/catalogue",
            Self::Slas => "/slas",
            Self::ConfigurationItems => "/cis",
            Self::Knowledge => "/knowledge",
            Self::Reports => "/reports",
            Self::Training => "/training",
            Self::Data => "/data",
        }
    }

    /// The name shown in the navigation and as the page heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::Dashboard => "Dashboard",
            Self::Incidents => "Incidents",
            Self::Requests => "Requests",
            Self::Problems => "Problems",
            Self::Changes => "Changes",
            Self::Catalogue => "Service catalogue",
            Self::Slas => "SLAs",
            Self::ConfigurationItems => "Configuration items",
            Self::Knowledge => "Knowledge",
            Self::Reports => "Reports",
            Self::Training => "Training",
            Self::Data => "Data",
        }
    }

    /// The ITIL 4 practice the section serves.
    pub fn practice(self) -> Practice {
        match self {
            Self::Dashboard | Self::Reports => Practice::MeasurementAndReporting,
            Self::Incidents => Practice::IncidentManagement,
            Self::Requests => Practice::ServiceRequestManagement,
            Self::Problems => Practice::ProblemManagement,
            Self::Changes => Practice::ChangeEnablement,
            Self::Catalogue => Practice::ServiceCatalogueManagement,
            Self::Slas => Practice::ServiceLevelManagement,
            Self::ConfigurationItems => Practice::ServiceConfigurationManagement,
            Self::Knowledge => Practice::KnowledgeManagement,
            Self::Training => Practice::WorkforceAndTalentManagement,
            Self::Data => Practice::InformationSecurityManagement,
        }
    }

    /// The ITIL v3 lifecycle stage of the matching v3 process, where v3 has one.
    pub fn stage(self) -> Option<LifecycleStage> {
        use LifecycleStage::*;
        match self {
            Self::Dashboard | Self::Reports => Some(ContinualServiceImprovement),
            Self::Incidents | Self::Requests | Self::Problems => Some(ServiceOperation),
            Self::Changes | Self::ConfigurationItems | Self::Knowledge => Some(ServiceTransition),
            Self::Catalogue | Self::Slas | Self::Data => Some(ServiceDesign),
            Self::Training => None,
        }
    }

    /// One sentence on what the section is for, in ITIL's terms.
    pub fn purpose(self) -> &'static str {
        match self {
            Self::Dashboard => "See at a glance how the services are doing: open work, SLA health and trends.",
            Self::Incidents => "Restore normal service as quickly as possible after an unplanned interruption or loss of quality.",
            Self::Requests => "Fulfil the normal, pre-defined things users ask for, such as access, equipment or information.",
            Self::Problems => "Find and remove the causes of incidents, and record known errors with their workarounds.",
            Self::Changes => "Get changes to services done successfully by assessing their risk and authorizing them.",
            Self::Catalogue => "Describe the services on offer, in the customer's words, and what they depend on.",
            Self::Slas => "Agree service targets with customers and watch every ticket's timer against them.",
            Self::ConfigurationItems => "Keep accurate information about the configuration items that make up each service.",
            Self::Knowledge => "Keep the knowledge people need, such as workarounds and how-to articles, where they find it.",
            Self::Reports => "Measure how services and practices perform, with every formula shown.",
            Self::Training => "Build ITIL skills by doing: scenarios, scored exercises and a glossary.",
            Self::Data => "Keep this workspace safe: import, export, share and manage what is stored in this browser.",
        }
    }

    /// The sentence a page opens with: purpose, practice and lifecycle stage.
    pub fn itil_sentence(self) -> String {
        let stage = match self.stage() {
            Some(stage) => format!("ITIL v3 stage: {}", stage.name()),
            None => "ITIL v3: spans all five lifecycle stages".to_owned(),
        };
        format!("ITIL 4 practice: {}. {stage}.", self.practice().name())
    }

    /// The section whose path is `path`, if any.
    pub fn from_path(path: &str) -> Option<Section> {
        let trimmed = path.trim_end_matches('/');
        let path = if trimmed.is_empty() { "/" } else { trimmed };
        Self::ALL.into_iter().find(|s| s.path() == path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn paths_and_titles_are_unique() {
        let paths: HashSet<_> = Section::ALL.iter().map(|s| s.path()).collect();
        let titles: HashSet<_> = Section::ALL.iter().map(|s| s.title()).collect();
        assert_eq!(paths.len(), Section::ALL.len());
        assert_eq!(titles.len(), Section::ALL.len());
    }

    #[test]
    fn every_path_leads_back_to_its_section() {
        for section in Section::ALL {
            assert_eq!(Section::from_path(section.path()), Some(section));
            let with_slash = format!("{}/", section.path());
            assert_eq!(Section::from_path(&with_slash), Some(section));
        }
        assert_eq!(Section::from_path("/nowhere"), None);
    }

    #[test]
    fn ticket_sections_belong_to_service_operation() {
        for s in [Section::Incidents, Section::Requests, Section::Problems] {
            assert_eq!(s.stage(), Some(LifecycleStage::ServiceOperation));
        }
        assert_eq!(Section::Changes.practice(), Practice::ChangeEnablement);
        assert_eq!(
            Section::Incidents.itil_sentence(),
            "ITIL 4 practice: Incident management. ITIL v3 stage: Service Operation."
        );
    }
}
