use std::process::ExitCode;

use clap::Parser;
use server::{config::Cli, shutdown, telemetry, Application, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    // Files in, files out: no database and no server settings to check.
    if let Some(Command::Indicators(args)) = &cli.command {
        return server::indicators_cli::main(args);
    }
    let default_bind = leptos::prelude::get_configuration(None)
        .map(|c| c.leptos_options.site_addr)
        .unwrap_or_else(|_| ([127, 0, 0, 1], 3000).into());
    let config = match cli.serve.validate(default_bind) {
        Ok(config) => config,
        Err(problems) => {
            eprintln!("siap: invalid configuration: {problems}");
            return ExitCode::from(2);
        }
    };
    let log_to = match cli.command {
        Some(Command::CreateApiToken { .. }) => telemetry::LogTo::Stderr,
        _ => telemetry::LogTo::Stdout,
    };
    telemetry::init(&cli.serve.log_level, cli.serve.log_format, log_to);
    // Before anything can announce itself: an early SIGTERM must stop the server gracefully.
    let stop = shutdown::signal();

    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => match Application::build(&config).await {
            Ok(app) => app.run_until(stop).await,
            Err(e) => Err(e),
        },
        Command::Migrate => migrate(&config).await,
        Command::Backup { to } => server::backup_cli::backup(&config, &to).await,
        // Run and answered above.
        Command::Indicators(_) => Ok(()),
        Command::CreateApiToken { username, name } => {
            server::admin_cli::create_api_token(&config, &username, &name).await
        }
        Command::CreateAdmin {
            username,
            display_name,
            password_stdin,
        } => {
            server::admin_cli::create_admin(&config, &username, &display_name, password_stdin).await
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "siap stopped with an error");
            eprintln!("siap: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn migrate(config: &server::ServeConfig) -> Result<(), server::ServerError> {
    let store = store::Store::connect(&config.database_url, &config.pool).await?;
    store.migrate().await?;
    store.close().await;
    tracing::info!("migrations applied");
    Ok(())
}
