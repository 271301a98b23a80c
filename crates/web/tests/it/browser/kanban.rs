//! Browser tests of the kanban (being built).
