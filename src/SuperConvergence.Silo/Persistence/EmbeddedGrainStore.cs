using System.Text;
using Orleans.Serialization;
using Orleans.Storage;
using SuperConvergence.Silo.Hosting;

namespace SuperConvergence.Silo.Persistence;

/// <summary>
/// Grain state as an embedded silo's ADO.NET grain storage wrote it to DATA/superconvergence.db, read without a silo:
/// read-only (SQLite never writes a read-only connection's database, and in WAL mode readers never block the writer,
/// so a silo that owns the directory right now goes on undisturbed), with the provider's own read query
/// (OrleansQuery 'ReadFromStorageKey'), its key hashes and its serializer (Orleans' own, as the silo configures it).
/// </summary>
public sealed class EmbeddedGrainStore : IDisposable
{
    private const string ReadQueryKey = "ReadFromStorageKey";

    /// <summary>SQLITE_ERROR, which a query on a missing table fails with.</summary>
    private const int NoSuchTable = 1;

    /// <summary>SQLITE_NOTADB.</summary>
    private const int NotADatabase = 26;

    private static readonly OrleansDefaultHasher Hasher = new();

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _read;
    private readonly ServiceProvider _services;
    private readonly OrleansGrainStorageSerializer _serializer;

    private EmbeddedGrainStore(string databaseFile, SqliteConnection connection, string readQuery)
    {
        DatabaseFile = databaseFile;
        _connection = connection;
        _read = connection.CreateCommand();
        _read.CommandText = readQuery;
        foreach (var name in new[] { "GrainIdHash", "GrainIdN0", "GrainIdN1", "GrainTypeHash", "GrainTypeString", "GrainIdExtensionString", "ServiceId" })
        {
            _read.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        _read.Prepare();
        // The serializer grain calls use, with every [GenerateSerializer] type and surrogate of the grains and their
        // wire records: the silo stores state with exactly this (SuperConvergenceSiloBuilderExtensions).
        _services = new ServiceCollection()
            .AddSerializer(serializer => serializer
                .AddAssembly(typeof(Grains.Sweeps.SweepGrainState).Assembly)
                .AddAssembly(typeof(Abstractions.Sweeps.SweepStatus).Assembly))
            .BuildServiceProvider();
        _serializer = new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>());
    }

    /// <summary>The database file read.</summary>
    public string DatabaseFile { get; }

    /// <summary>The database file an embedded silo keeps in <paramref name="dataDirectory"/>.</summary>
    public static string DatabaseFileOf(string dataDirectory) =>
        Path.Combine(Path.GetFullPath(dataDirectory), SuperConvergenceStorageOptions.DatabaseFileName);

    /// <summary>
    /// Opens the store of <paramref name="dataDirectory"/> for reading; null when it holds none (no database file, or
    /// one no silo has stored grain state in). A directory without a store stays as it was; beside a store, SQLite may
    /// leave the -wal and -shm files any reader of a WAL database makes (empty, and the owner's own the next time).
    /// </summary>
    public static EmbeddedGrainStore? TryOpen(string dataDirectory)
    {
        var file = DatabaseFileOf(dataDirectory);
        if (!File.Exists(file))
        {
            return null;
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            // One command's connection: pooled, it would keep the file open after the command ends.
            Pooling = false,
            // A writer's checkpoint can hold readers off for a moment; SQLite retries for this long.
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            var query = ReadQuery(connection);
            if (query is null)
            {
                connection.Dispose();
                return null;
            }

            return new EmbeddedGrainStore(file, connection, query);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is NoSuchTable or NotADatabase)
        {
            // Not one a silo made (no OrleansQuery table: an empty file, say), or not a database at all: no store.
            // Anything else (no permission, say) is a failure to read a store, and says so.
            connection.Dispose();
            return null;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The state a grain with a string key stored under <paramref name="stateName"/> ([PersistentState(name, …)]);
    /// null when it stored none.
    /// </summary>
    public T? Read<T>(string stateName, string key)
        where T : class =>
        Read<T>(stateName, 0, key, Encoding.UTF8.GetBytes(key));

    /// <summary>The state a grain with an integer key (and no key extension) stored under <paramref name="stateName"/>; null when none.</summary>
    public T? Read<T>(string stateName, long key)
        where T : class =>
        Read<T>(stateName, key, null, BitConverter.GetBytes(key));

    public void Dispose()
    {
        _read.Dispose();
        _connection.Dispose();
        _services.Dispose();
    }

    /// <param name="hashBytes">The key's bytes as the provider hashes them: a string key's UTF-8, an integer key's 8 bytes.</param>
    private T? Read<T>(string stateName, long n1, string? extension, byte[] hashBytes)
        where T : class
    {
        // Orleans' ADO.NET provider hashes the key's bytes reversed on a little-endian machine, the state name as is.
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(hashBytes);
        }

        _read.Parameters["GrainIdHash"].Value = Hasher.Hash(hashBytes);
        _read.Parameters["GrainIdN0"].Value = 0L;
        _read.Parameters["GrainIdN1"].Value = n1;
        _read.Parameters["GrainTypeHash"].Value = Hasher.Hash(Encoding.UTF8.GetBytes(stateName));
        _read.Parameters["GrainTypeString"].Value = stateName;
        _read.Parameters["GrainIdExtensionString"].Value = (object?)extension ?? DBNull.Value;
        _read.Parameters["ServiceId"].Value = SuperConvergenceStorageOptions.DefaultServiceId;
        using var reader = _read.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var payload = reader.GetOrdinal("PayloadBinary");
        return reader.IsDBNull(payload) ? null : _serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(payload)));
    }

    private static string? ReadQuery(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = $key";
        command.Parameters.AddWithValue("$key", ReadQueryKey);
        return command.ExecuteScalar() as string;
    }
}
