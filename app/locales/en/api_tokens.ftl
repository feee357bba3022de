# Strings of the personal API token page.
# Language: English. Every key here must also be in the other language's api_tokens.ftl.

nav_api_tokens = API tokens
tok_title = Personal API tokens
tok_intro = An API token lets another application (an HR system, say) use Siap as you: with your role and your units, nothing more. Send it with every request in the header
tok_docs = Read the API documentation
tok_intro_revoke = Revoke a token that is no longer used or may have leaked: requests with a revoked token are refused at once.
tok_new = New token
tok_name = Token name (what it is for)
tok_name_invalid = A token name is required, at most { $max } characters (now { $length }).
tok_create = Create token
tok_secret_title = Your new token
tok_secret_once = Copy it now: it will not be shown again. Keep it somewhere safe; whoever holds it can act as you.
tok_list = Your tokens
tok_none = You have no tokens yet.
tok_col_name = Name
tok_prefix = Starts with
tok_created = Created
tok_last_used = Last used
tok_active = Active
tok_revoked = Revoked
tok_revoke = Revoke
tok_revoke_done = Token revoked.
