"""Who may use the web door: user accounts, roles, password hashing and sign-in sessions."""
