//! `siap create-admin`: the way to create an administrator without the setup page, and the
//! only one once an administrator exists and has lost access. Never a default password.
//! `siap create-api-token`: a token for an existing user, for provisioning by script.

use std::io::BufRead;

use app::auth::ssr::{create_user, NewUserInput};
use domain::access::Role;
use store::{Actor, Store};

use crate::{ServeConfig, ServerError};

pub async fn create_admin(
    config: &ServeConfig,
    username: &str,
    display_name: &str,
    password_stdin: bool,
) -> Result<(), ServerError> {
    let password = if password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| ServerError::Config(format!("reading the password: {e}")))?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        let first = rpassword::prompt_password("Kata sandi / Password: ")
            .map_err(|e| ServerError::Config(format!("reading the password: {e}")))?;
        let again = rpassword::prompt_password("Ulangi / Again: ")
            .map_err(|e| ServerError::Config(format!("reading the password: {e}")))?;
        if first != again {
            return Err(ServerError::Config("the passwords differ".into()));
        }
        first
    };
    let store = Store::connect(&config.database_url, &config.pool).await?;
    store.migrate().await?;
    let created = create_user(
        &store,
        NewUserInput {
            username,
            display_name,
            password: &password,
            role: Role::Admin,
            unit_ids: Vec::new(),
        },
        &Actor::system("cli"),
    )
    .await;
    store.close().await;
    match created {
        Ok(id) => {
            tracing::info!(user_id = id, username, "administrator created");
            Ok(())
        }
        Err(e) => Err(ServerError::Config(format!(
            "cannot create the administrator: {}",
            e.message(domain::units::Locale::En)
        ))),
    }
}

pub async fn create_api_token(
    config: &ServeConfig,
    username: &str,
    name: &str,
) -> Result<(), ServerError> {
    let store = Store::connect(&config.database_url, &config.pool).await?;
    store.migrate().await?;
    let created = async {
        let user = store
            .user_by_username(username)
            .await?
            .filter(|u| u.active)
            .ok_or_else(|| store::StoreError::Invalid(format!("no active user `{username}`")))?;
        store
            .create_api_token(user.id, name, &Actor::system("cli"))
            .await
    }
    .await;
    store.close().await;
    match created {
        Ok((record, secret)) => {
            tracing::info!(token_id = record.id, username, "API token created");
            println!("{}", secret.expose());
            Ok(())
        }
        Err(e) => Err(ServerError::Config(format!("cannot create the token: {e}"))),
    }
}
