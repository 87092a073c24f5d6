using Orleans.Serialization;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// Lets the database drivers' exceptions cross the wire. Orleans serializes exceptions only from the namespaces it is
/// told of (Microsoft, System, Azure: SQLite's are among them); a grain whose state write failed in PostgreSQL (say, a restart terminating the
/// connection: 57P01) threw an Npgsql.PostgresException that could not be sent back, so the caller heard nothing
/// until its response timeout instead of a storage failure it retries at once.
/// </summary>
internal static class StorageExceptionSerialization
{
    public static IServiceCollection AllowDatabaseDriverExceptions(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("Npgsql"));
}
