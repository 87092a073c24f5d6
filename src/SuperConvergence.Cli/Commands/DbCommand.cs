using System.Data.Common;
using SuperConvergence.Silo.Persistence;
using SuperConvergence.Silo.Persistence.Migrations;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc db migrate`: apply the schema scripts a silo would apply at start, by hand (e.g. before granting silos only DML rights).</summary>
public static class DbCommand
{
    public static Command Create(CliConsole console)
    {
        var db = new Command("db", "Manage the cluster database.\n\nExample:\n  sc db migrate            (the PostgreSQL database $SC_POSTGRES_FILE or $SC_POSTGRES names)");
        db.Subcommands.Add(CreateMigrate(console));
        return db;
    }

    private static Command CreateMigrate(CliConsole console)
    {
        var postgres = new Option<string>("--postgres")
        {
            Description = $"PostgreSQL connection string of a cluster database (better: ${ClusterTarget.PostgresVariable} or ${PostgresSecret.FileVariable}, which ps does not show)",
            HelpName = "CONN",
        };
        var sqlite = new Option<string>("--sqlite")
        {
            Description = $"SQLite database file (default: the embedded database, {SuperConvergenceStorageOptions.DatabaseFileName} under the data cache)",
            HelpName = "FILE",
        };
        var migrate = new Command(
            "migrate",
            "Apply pending schema versions (membership, grain storage, checkpoints); a current database is left as it is. "
            + $"Without --postgres or --sqlite: the PostgreSQL database ${ClusterTarget.PostgresVariable} or ${PostgresSecret.FileVariable} names, else the embedded SQLite file.\n\n"
            + "Examples:\n  sc db migrate            (with SC_POSTGRES_FILE=/run/secrets/sc-postgres, a file holding the connection string)\n  sc db migrate --sqlite ~/.cache/superconvergence/superconvergence.db");
        migrate.Options.Add(postgres);
        migrate.Options.Add(sqlite);
        migrate.SetAction((parse, cancellation) => RunAsync(console, parse.GetValue(postgres), parse.GetValue(sqlite), cancellation));
        return migrate;
    }

    private static async Task<int> RunAsync(CliConsole console, string? postgres, string? sqlite, CancellationToken cancellationToken)
    {
        var (provider, connectionString) = Target(console, postgres, sqlite);
        var migrator = new SchemaMigrator(provider, connectionString);
        MigrationReport report;
        try
        {
            report = await migrator.MigrateAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw new CliException(
                $"cannot migrate {ConnectionStrings.Redact(connectionString)}: {e.Message}",
                ExitCodes.Failure,
                "check that the database server is reachable and the user may create tables");
        }

        foreach (var script in report.Applied)
        {
            console.Out.WriteLine($"applied  {script.FileName}");
        }

        var state = report.WasCurrent ? "already current" : $"{report.Applied.Count} version(s) applied";
        console.Out.WriteLine($"schema   version {report.SchemaVersion} on {provider} ({state})");
        return ExitCodes.Ok;
    }

    private static (DatabaseProvider Provider, string ConnectionString) Target(CliConsole console, string? postgres, string? sqlite)
    {
        if (postgres is not null && sqlite is not null)
        {
            throw CliException.BadInput("--sqlite", sqlite, "cannot be combined with --postgres: migrate one database at a time");
        }

        if (postgres is not null)
        {
            ClusterTarget.RequirePostgres("--postgres", postgres);

            return (DatabaseProvider.Postgres, postgres);
        }

        if (sqlite is null && PostgresSecret.FromEnvironment(Environment.GetEnvironmentVariable) is { } secret)
        {
            if (secret.Warning is { } warning)
            {
                console.Error.WriteLine(warning);
            }

            ClusterTarget.RequirePostgres(secret.Field, secret.ConnectionString);
            return (DatabaseProvider.Postgres, secret.ConnectionString);
        }

        if (sqlite is not null && string.IsNullOrWhiteSpace(sqlite))
        {
            throw CliException.BadInput("--sqlite", sqlite, "is not a file name");
        }

        var file = sqlite ?? Path.Combine(DataCache.DefaultDirectory(), SuperConvergenceStorageOptions.DatabaseFileName);
        if (Directory.Exists(file))
        {
            throw CliException.BadInput("--sqlite", sqlite, "is a directory; name the database file");
        }

        return (DatabaseProvider.Sqlite, ConnectionStrings.ForSqliteFile(file));
    }
}
