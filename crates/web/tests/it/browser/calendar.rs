//! Browser tests of the calendar (being built).
