//! A stored workspace put together a few tickets at a time.
//!
//! Reading a workspace of 100,000 tickets in one call keeps a browser tab
//! busy for seconds, and a page that cannot answer for that long looks
//! frozen. Storage keeps the workspace as a *head* (everything but the
//! tickets) and one JSON record per ticket, so it can be read in steps
//! instead: [`Workspace::assemble`] reads the head, [`Assembly::add_ticket`]
//! takes the tickets one by one in id order, and [`Assembly::finish`] hands
//! over the workspace. The caller decides when to pause between tickets.
//!
//! The result is exactly what [`Workspace::from_json`] makes of the same
//! data (the same checks, in the same order, through the same code in
//! `workspace.rs`); a property test holds the two equal. Only the current
//! format is assembled: older and newer formats may need their tickets
//! migrated as a whole, so for them [`Workspace::assemble`] refuses and the
//! caller reads the joined document with [`Workspace::from_json_migrating`].

use super::error::DomainError;
use super::ticket::TicketRecord;
use super::workspace::{Derived, Workspace, SCHEMA_VERSION};

/// A workspace being put together; see the module documentation.
#[derive(Debug)]
pub struct Assembly {
    workspace: Workspace,
    derived: Derived,
}

fn bad(reason: String) -> DomainError {
    DomainError::BadWorkspace { reason }
}

impl Workspace {
    /// Starts assembling a workspace from its head: its JSON with an empty
    /// `tickets` list. Refuses a head in another format than the current one,
    /// or with tickets in it.
    pub fn assemble(head: &str) -> Result<Assembly, DomainError> {
        let workspace: Workspace = serde_json::from_str(head).map_err(|e| bad(e.to_string()))?;
        if workspace.schema_version != SCHEMA_VERSION {
            return Err(bad(format!(
                "it is stored in format {}, and only format {SCHEMA_VERSION} is read a ticket at a time",
                workspace.schema_version
            )));
        }
        if !workspace.tickets.is_empty() {
            return Err(bad("its head already holds tickets".to_owned()));
        }
        let derived = Derived::start(&workspace)?;
        Ok(Assembly { workspace, derived })
    }

    /// This workspace, read from its head, holding `tickets` read one by
    /// one: the value that reading the whole document gives, its caches not
    /// built yet (see [`Workspace::rebuild`] and [`Workspace::reassemble`]).
    /// Refuses a head that already holds tickets.
    pub fn with_tickets(mut self, tickets: Vec<TicketRecord>) -> Result<Workspace, DomainError> {
        if !self.tickets.is_empty() {
            return Err(bad("its head already holds tickets".to_owned()));
        }
        self.tickets = tickets;
        Ok(self)
    }

    /// Builds this workspace's caches again a ticket at a time, as
    /// [`Workspace::rebuild`] does in one go: its tickets are taken out, to
    /// be handed back in id order with [`Assembly::add_record`].
    pub fn reassemble(mut self) -> Result<(Assembly, Vec<TicketRecord>), DomainError> {
        let tickets = std::mem::take(&mut self.tickets);
        let derived = Derived::start(&self)?;
        let mut assembly = Assembly { workspace: self, derived };
        assembly.expect_tickets(tickets.len());
        Ok((assembly, tickets))
    }
}

impl Assembly {
    /// Adds the next ticket from its JSON record (the ticket whose id is one
    /// more than the last one added).
    pub fn add_ticket(&mut self, json: &str) -> Result<(), DomainError> {
        let record: TicketRecord = serde_json::from_str(json)
            .map_err(|e| bad(format!("ticket {} cannot be read: {e}", self.workspace.tickets.len() + 1)))?;
        self.add_record(record)
    }

    /// Makes room for `tickets` tickets in one go, when the caller knows how
    /// many will come (only memory use changes, never the result).
    pub fn expect_tickets(&mut self, tickets: usize) {
        self.workspace.tickets.reserve_exact(tickets.saturating_sub(self.workspace.tickets.len()));
        self.derived.reserve(tickets);
    }

    /// Adds the next ticket's record.
    pub fn add_record(&mut self, mut record: TicketRecord) -> Result<(), DomainError> {
        // A history read from JSON grew by doubling; keep only what it holds.
        record.events.shrink_to_fit();
        self.derived.add(&record)?;
        self.workspace.tickets.push(record);
        Ok(())
    }

    /// How many tickets have been added.
    pub fn added(&self) -> usize {
        self.workspace.tickets.len()
    }

    /// The workspace with every ticket added, its caches complete.
    pub fn finish(self) -> Workspace {
        let Assembly { mut workspace, mut derived } = self;
        derived.finish(workspace.clock.now);
        workspace.derived = derived;
        workspace
    }
}
