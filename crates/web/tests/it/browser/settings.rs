//! Browser tests of the settings (being built).
