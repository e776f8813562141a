//! The demo workspace: Harbourside Logistics, a small freight company.
//!
//! It has requesters, four assignment groups with managers, a change manager
//! and an admin; six services (four business, two technical); twelve CIs; and
//! fifty incidents logged over the three weeks before `now`, in every state:
//! new, in progress (one reopened, one resumed by its caller, escalated and
//! reassigned ones), on hold for each reason, resolved, closed (by the caller
//! or automatically), canceled, a major incident with two children, and a
//! resolved parent whose resolution cascaded to its children.
//!
//! Every incident was made by applying commands at their moments in time, so
//! its history is real and was checked by the same rules the UI goes through.

use chrono::Duration;

use super::command::{Command, EscalationRequest, FieldEdit, NewIncident};
use super::generate::{Prng, Script, slot};
use super::ids::{CiId, GroupId, PersonId, ServiceId, Timestamp};
use super::incident::{Category, HoldReason, IncidentState, ResolutionCode};
use super::lifecycle::transition;
use super::org::{Role, ServiceKind};
use super::workspace::Workspace;

use Category::{Database as Db, Hardware as Hw, Inquiry as Inq, Network as Net, Security as Sec, Software as Sw};

/// Short description, category, subcategory, service, CI, impact, urgency, group.
type Scenario = (&'static str, Category, &'static str, usize, Option<usize>, u8, u8, usize);

const SCENARIOS: [Scenario; 50] = [
    ("Tracking page shows old positions for trucks", Sw, "Application", 0, Some(1), 2, 2, 2),
    ("Cannot print delivery notes at Dock 3", Hw, "Printer", 1, None, 3, 2, 0),
    ("Outlook asks for password every hour", Sw, "Email", 3, Some(8), 3, 3, 0),
    ("Handheld scanner does not sync", Hw, "Scanner", 1, Some(11), 3, 2, 3),
    ("Invoice run failed overnight", Sw, "Batch job", 2, Some(6), 2, 1, 2),
    ("Wi-Fi weak in warehouse aisle 7", Net, "Wireless", 4, Some(9), 3, 3, 1),
    ("Cannot open shared finance folder", Sw, "File share", 3, None, 3, 2, 0),
    ("VPN drops every 10 minutes", Net, "VPN", 4, Some(10), 3, 2, 1),
    ("Customer portal login error", Sw, "Application", 0, Some(0), 2, 2, 2),
    ("New starter has no e-mail account", Inq, "Access", 3, None, 3, 3, 0),
    ("Slow response in warehouse system", Db, "Performance", 1, Some(3), 2, 2, 3),
    ("Teams calls drop in meeting room Nautilus", Net, "Voice", 3, None, 3, 3, 1),
    ("Label printer prints blank labels", Hw, "Printer", 1, None, 3, 2, 0),
    ("Billing PDF shows wrong VAT", Sw, "Application", 2, Some(6), 3, 2, 2),
    ("Phishing e-mail reported by finance", Sec, "Phishing", 3, Some(8), 3, 2, 0),
    ("Monitor flickers at reception", Hw, "Monitor", 3, None, 3, 3, 0),
    ("Duplicate of printer ticket", Hw, "Printer", 1, None, 3, 3, 0),
    ("Test ticket logged by mistake", Inq, "Other", 3, None, 3, 3, 0),
    ("Customs gateway rejects all declarations", Sw, "Integration", 0, Some(2), 1, 2, 2),
    ("Rotterdam office cannot submit customs forms", Sw, "Integration", 0, Some(2), 2, 2, 0),
    ("Antwerp depot declarations stuck", Sw, "Integration", 0, Some(2), 2, 2, 0),
    ("Laptop battery swells", Hw, "Laptop", 3, None, 3, 2, 3),
    ("Password reset link expired", Inq, "Access", 3, None, 3, 3, 0),
    ("Database backup job failed", Db, "Backup", 5, Some(5), 2, 3, 3),
    ("Fleet map missing a depot", Sw, "Application", 0, Some(1), 3, 3, 2),
    ("Cannot book goods receipt", Sw, "Application", 1, Some(2), 2, 2, 2),
    ("Scanner battery drains in an hour", Hw, "Scanner", 1, Some(11), 3, 3, 3),
    ("Firewall blocks partner SFTP", Net, "Firewall", 4, Some(7), 2, 2, 1),
    ("Month-end report query times out", Db, "Performance", 5, Some(5), 2, 3, 3),
    ("Supplier EDI feed not arriving", Sw, "Integration", 2, Some(6), 2, 2, 2),
    ("Calendar not syncing on phone", Sw, "Email", 3, Some(8), 3, 3, 0),
    ("Core switch fan alarm", Hw, "Network device", 4, Some(4), 2, 3, 1),
    ("Warehouse app crashes on pick list", Sw, "Application", 1, Some(2), 2, 2, 2),
    ("Virus warning on shared PC", Sec, "Malware", 3, None, 2, 2, 0),
    ("Tracking e-mails go to spam", Sw, "Email", 0, Some(8), 3, 2, 2),
    ("Invoice numbers skip a range", Sw, "Application", 2, Some(6), 2, 3, 2),
    ("Dock 3 access point offline", Net, "Wireless", 4, Some(9), 2, 2, 1),
    ("Printer queue stuck on finance floor", Hw, "Printer", 3, None, 3, 2, 2),
    ("Billing system slow at login", Db, "Performance", 2, Some(5), 3, 2, 2),
    ("Cannot attach files in tracking notes", Sw, "Application", 0, Some(1), 3, 3, 2),
    ("Headset not recognised", Hw, "Peripheral", 3, None, 3, 3, 0),
    ("Night shift cannot log in to WMS", Sw, "Authentication", 1, Some(2), 2, 1, 0),
    ("How do I export delivery statistics?", Inq, "How-to", 0, None, 3, 3, 0),
    ("Keyboard missing keys", Hw, "Peripheral", 3, None, 3, 3, 0),
    ("Shared mailbox missing for dispatch", Inq, "Access", 3, Some(8), 3, 2, 0),
    ("Conference screen shows no signal", Hw, "AV", 3, None, 3, 3, 0),
    ("Request for a second monitor", Inq, "Other", 3, None, 3, 3, 0),
    ("Shipment tracking down for all customers", Sw, "Application", 0, Some(0), 1, 1, 1),
    ("Drivers' app cannot load routes", Sw, "Mobile", 0, Some(1), 2, 1, 1),
    ("Customer service cannot see shipment status", Sw, "Application", 0, Some(1), 2, 1, 1),
];

struct Org {
    requesters: Vec<PersonId>,
    /// Per group: (id, agents, manager).
    groups: Vec<(GroupId, Vec<PersonId>, PersonId)>,
    services: Vec<ServiceId>,
    cis: Vec<CiId>,
}

fn build_org(ws: &mut Workspace) -> Org {
    use Role::*;
    let p = |ws: &mut Workspace, name: &str, roles: &[Role]| {
        let email = format!("{}@harbourside.example", name.to_lowercase().replace(' ', "."));
        ws.add_person(name, &email, roles)
    };
    let requesters = ["Ana Silva", "Tom Becker", "Priya Nair", "Lars Jansen", "Mei Chen"]
        .map(|n| p(ws, n, &[Requester]))
        .to_vec();
    let desk = [p(ws, "Sofia Rossi", &[Agent]), p(ws, "Omar Haddad", &[Agent])];
    let desk_mgr = p(ws, "Grace Okafor", &[Agent, GroupManager]);
    let net = p(ws, "Jonas Weber", &[Agent]);
    let net_mgr = p(ws, "Elena Petrova", &[Agent, GroupManager]);
    let apps = p(ws, "Ravi Kumar", &[Agent]);
    let apps_mgr = p(ws, "Claire Dubois", &[Agent, GroupManager]);
    let infra = p(ws, "Marek Nowak", &[Agent]);
    let infra_mgr = p(ws, "Hannah Schmidt", &[Agent, GroupManager]);
    p(ws, "Daniel Costa", &[ChangeManager]);
    p(ws, "Ingrid Larsen", &[Admin]);
    let mut group = |name: &str, agents: Vec<PersonId>, mgr: PersonId| {
        let mut members = agents.clone();
        members.push(mgr);
        let id = ws.add_group(name, &members, Some(mgr)).expect("demo members exist");
        (id, agents, mgr)
    };
    let groups = vec![
        group("Service Desk", desk.to_vec(), desk_mgr),
        group("Network", vec![net], net_mgr),
        group("Applications", vec![apps], apps_mgr),
        group("Infrastructure", vec![infra], infra_mgr),
    ];
    use ServiceKind::{Business, Technical};
    let services = [
        ("Shipment tracking", "Customers and drivers see where every shipment is.", Business),
        ("Warehouse management", "Goods receipt, picking and dispatch in the warehouses.", Business),
        ("Customer billing", "Invoices and credit notes for customers.", Business),
        ("E-mail and collaboration", "Mail, calendars, chat and meetings for staff.", Business),
        ("Corporate network", "LAN, Wi-Fi, VPN and internet access at every site.", Technical),
        ("Database hosting", "The SQL servers behind the business applications.", Technical),
    ]
    .map(|(n, d, k)| ws.add_service(n, d, k))
    .to_vec();
    let cis = [
        ("track-web-01", "Web server", 0),
        ("track-app", "Application", 0),
        ("wms-app", "Application", 1),
        ("sql-prod-01", "Database server", 5),
        ("core-sw-01", "Switch", 4),
        ("sql-prod-02", "Database server", 5),
        ("billing-app", "Application", 2),
        ("fw-edge-01", "Firewall", 4),
        ("exchange-online", "Cloud service", 3),
        ("ap-dock3", "Wireless access point", 4),
        ("vpn-gw-01", "VPN gateway", 4),
        ("scanner-fleet", "Handheld scanners", 1),
    ]
    .map(|(n, c, s)| ws.add_ci(n, c, Some(services[s])).expect("demo services exist"))
    .to_vec();
    Org { requesters, groups, services, cis }
}

/// The Harbourside Logistics demo, with history up to `now`.
pub fn demo_workspace(now: Timestamp) -> Workspace {
    let start = now - Duration::days(21);
    let mut ws = Workspace::new("Harbourside Logistics", start);
    let org = build_org(&mut ws);
    let mut rng = Prng::new(2024);
    let mut script = Script::new(SCENARIOS.len());
    let hours = |h: i64| Duration::minutes(h * 60);
    for (k, &(short, category, subcategory, svc, ci, impact, urgency, g)) in SCENARIOS.iter().enumerate() {
        let opened = start + Duration::minutes(k as i64 * 576 + rng.below(120) as i64);
        let caller = org.requesters[k % org.requesters.len()];
        let (group, agents, manager) = org.groups[g].clone();
        let agent = agents[k % agents.len()];
        let desk_agent = org.groups[0].1[k % 2];
        let self_service = (42..=46).contains(&k) && k % 2 == 0;
        let new = NewIncident {
            short_description: short.to_string(),
            description: format!("{short}. Reported at {} by the caller; first noticed shortly before.", opened.format("%H:%M")),
            caller,
            category,
            subcategory: subcategory.to_string(),
            service: Some(org.services[svc]),
            ci: ci.map(|c| org.cis[c]),
            impact,
            urgency,
            assignment_group: None,
            assigned_to: None,
        };
        script.create(k, opened, if self_service { caller } else { desk_agent }, new);
        if (42..=46).contains(&k) {
            continue; // New: waiting in the queue
        }
        let t = |h: i64| opened + hours(h);
        let assign = move |ids: &[Option<_>]| Command::Assign { id: slot(ids, k), group: Some(group), agent: Some(agent) };
        script.add(t(1), desk_agent, assign);
        if (15..=17).contains(&k) {
            script.add(t(2), agent, move |ids| Command::AddWorkNote { id: slot(ids, k), text: "Logged by mistake / already covered elsewhere.".into() });
            script.add(t(2), agent, move |ids| transition(slot(ids, k), IncidentState::Canceled));
            continue;
        }
        script.add(t(2), agent, move |ids| transition(slot(ids, k), IncidentState::InProgress));
        let resolve = move |code: ResolutionCode, notes: &'static str| {
            move |ids: &[Option<_>]| Command::Transition {
                id: slot(ids, k),
                to: IncidentState::Resolved,
                hold_reason: None,
                resolution_code: Some(code),
                resolution_notes: notes.to_string(),
            }
        };
        match k {
            0..=14 => {
                let resolved = t(4 + (k as i64 % 5) * 9);
                script.add(resolved, agent, resolve(ResolutionCode::SolvedPermanently, "Fixed and tested with the caller."));
                if k % 3 == 0 {
                    script.add(resolved + hours(20), caller, move |ids| Command::AddComment { id: slot(ids, k), text: "Works again, thank you.".into() });
                    script.add(resolved + hours(20), caller, move |ids| transition(slot(ids, k), IncidentState::Closed));
                }
            }
            18 => {
                script.add(t(3), org.groups[0].2, move |ids| Command::SetMajor { id: slot(ids, k), major: true });
                script.add(now - hours(30), agent, resolve(ResolutionCode::SolvedWorkAround, "Gateway certificate renewed; declarations flow again."));
            }
            19 | 20 => {
                script.add(t(1), desk_agent, move |ids| Command::SetParent { child: slot(ids, k), parent: slot(ids, 18) });
            }
            21..=25 => {
                let resolved = now - hours(24 * (1 + (k as i64 - 21)) + 3);
                script.add(resolved, agent, resolve(ResolutionCode::SolvedRemotely, "Remote session: settings corrected."));
            }
            26..=33 => {
                let reason = HoldReason::ALL[(k - 26) % 4];
                if reason == HoldReason::AwaitingCaller {
                    script.add(t(3), agent, move |ids| Command::AddComment { id: slot(ids, k), text: "Could you send a screenshot of the error?".into() });
                }
                script.add(t(3), agent, move |ids| Command::Transition {
                    id: slot(ids, k),
                    to: IncidentState::OnHold,
                    hold_reason: Some(reason),
                    resolution_code: None,
                    resolution_notes: String::new(),
                });
            }
            34 => {
                script.add(t(5), agent, resolve(ResolutionCode::SolvedPermanently, "Cleared the cache."));
                script.add(t(26), caller, move |ids| Command::AddComment { id: slot(ids, k), text: "Still broken this morning.".into() });
                script.add(t(26), caller, move |ids| transition(slot(ids, k), IncidentState::InProgress));
            }
            35 => {
                script.add(t(3), agent, move |ids| Command::Transition {
                    id: slot(ids, k),
                    to: IncidentState::OnHold,
                    hold_reason: Some(HoldReason::AwaitingCaller),
                    resolution_code: None,
                    resolution_notes: String::new(),
                });
                script.add(t(7), caller, move |ids| Command::AddComment { id: slot(ids, k), text: "Here is the screenshot you asked for.".into() });
            }
            36 => {
                let to_group = org.groups[3].0;
                script.add(t(4), agent, move |ids| Command::Escalate { id: slot(ids, k), escalation: EscalationRequest::Functional { to_group } });
            }
            37 => {
                let (infra, infra_agents, _) = org.groups[3].clone();
                let other = infra_agents[0];
                script.add(t(4), agent, move |ids| Command::Assign { id: slot(ids, k), group: Some(infra), agent: Some(other) });
            }
            38 => {
                script.add(t(3), agent, move |ids| Command::UpdateIncident { id: slot(ids, k), edits: vec![FieldEdit::Impact(2), FieldEdit::Urgency(1)] });
            }
            47 => {
                script.add(t(1), manager, move |ids| Command::SetMajor { id: slot(ids, k), major: true });
                script.add(t(2), agent, move |ids| Command::AddWorkNote { id: slot(ids, k), text: "Bridge call opened; load balancer suspected.".into() });
                script.add(t(3), agent, move |ids| Command::Escalate { id: slot(ids, k), escalation: EscalationRequest::Hierarchical });
            }
            48 | 49 => {
                script.add(t(1), agent, move |ids| Command::SetParent { child: slot(ids, k), parent: slot(ids, 47) });
            }
            _ => {
                script.add(t(4), agent, move |ids| Command::AddWorkNote { id: slot(ids, k), text: "Investigating with the vendor's knowledge base.".into() });
            }
        }
    }
    script.run(&mut ws, now).expect("the demo script follows every rule");
    ws
}
