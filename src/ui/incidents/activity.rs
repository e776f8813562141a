//! The activity stream of a ticket: comments, work notes and every change.
