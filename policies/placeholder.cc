// Intentionally empty until the linter lands.
