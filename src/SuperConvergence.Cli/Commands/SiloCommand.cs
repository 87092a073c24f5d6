using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using System.Net.Sockets;
using SuperConvergence.Grains.Hosting;

namespace SuperConvergence.Cli.Commands;

/// <summary>`sc silo`: runs a silo until stopped (Ctrl-C / SIGTERM).</summary>
public static class SiloCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command(
            "silo",
            "Run a silo: a coordinator (sweeps, queue), a worker (training slots) or both.\n\n" +
            "Examples:\n" +
            "  export SC_POSTGRES_FILE=/run/secrets/sc-postgres      (a file holding the connection string; or SC_POSTGRES)\n" +
            "  sc silo --role coordinator --name coord-0\n" +
            "  sc silo --role worker --name gpu-0 --slots 1 --silo-port 11112 --gateway-port 30001 --http-port 8081\n" +
            "  sc silo            (embedded: localhost cluster on SQLite in the data dir)");
        var role = new Option<string>("--role") { Description = "coordinator, worker or all", DefaultValueFactory = _ => "all" };
        role.AcceptOnlyFromAmong("coordinator", "worker", "all");
        var postgres = new Option<string?>("--postgres") { Description = $"PostgreSQL connection string (better: ${ClusterTarget.PostgresVariable} or ${PostgresSecret.FileVariable}, which ps does not show); without any the silo is embedded (SQLite, localhost)" };
        var defaults = new SiloSettings();
        var name = new Option<string?>("--name") { Description = "Silo name, unique in the cluster (default: host and process id)" };
        var slots = new Option<int>("--slots") { Description = "Training slots (one per GPU on GPU hosts)", DefaultValueFactory = _ => defaults.Slots };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port", DefaultValueFactory = _ => defaults.SiloPort };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Client gateway port", DefaultValueFactory = _ => defaults.GatewayPort };
        var httpPort = new Option<int>("--http-port") { Description = "Port of /healthz, /readyz and /metrics", DefaultValueFactory = _ => defaults.HttpPort };
        var address = new Option<string?>("--address") { Description = "Address other silos and clients reach this silo at, and the only one it listens on (default 127.0.0.1)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Data directory (default $SC_DATA or ~/.cache/superconvergence)" };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Keep checkpoints in this directory (shared by all workers) instead of the database" };
        var leaseTimeout = new Option<double>("--lease-timeout")
        {
            Description = $"Seconds without a heartbeat after which a worker's trial is requeued (workers heartbeat {SweepClusterOptions.HeartbeatsPerChosenLease} times as often)",
            DefaultValueFactory = _ => defaults.LeaseTimeout.TotalSeconds,
        };
        var dashboard = new Option<bool>("--dashboard") { Description = "Serve the Orleans Dashboard at /dashboard on the HTTP port (off by default; no authentication: turn it on for every silo, on trusted networks)" };
        var kubernetes = new Option<bool>("--kubernetes")
        {
            Description = $"Run as a Kubernetes pod (k8s/): name and address from ${KubernetesPod.NameVariable} and ${KubernetesPod.AddressVariable}, deleted pods' silos declared dead at once, dead silos' pods deleted; needs a PostgreSQL cluster and the pod permissions of k8s/base/rbac.yaml",
        };
        foreach (var option in new Option[] { role, postgres, name, slots, siloPort, gatewayPort, httpPort, address, dataDir, checkpointDir, leaseTimeout, kubernetes, dashboard })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var inKubernetes = parse.GetValue(kubernetes);
            var pod = inKubernetes ? KubernetesPod.Read(Environment.GetEnvironmentVariable, parse.GetValue(name), parse.GetValue(address)) : null;
            var addressText = pod?.Address.ToString() ?? parse.GetValue(address);
            IPAddress? parsedAddress = null;
            if (addressText is not null && !IPAddress.TryParse(addressText, out parsedAddress))
            {
                throw CliException.BadInput("--address", addressText, "must be an IP address");
            }

            var lease = parse.GetValue(leaseTimeout);
            if (!double.IsFinite(lease) || lease is < 0.5 or > 3600)
            {
                throw CliException.BadInput("--lease-timeout", lease, "must be between 0.5 and 3600 seconds");
            }

            var postgresValue = parse.GetValue(postgres);
            var postgresField = "--postgres";
            if (postgresValue is null && PostgresSecret.FromEnvironment(Environment.GetEnvironmentVariable) is { } secret)
            {
                (postgresValue, postgresField) = (secret.ConnectionString, secret.Field);
                if (secret.Warning is { } warning)
                {
                    console.Error.WriteLine(warning);
                }
            }

            if (!string.IsNullOrWhiteSpace(postgresValue))
            {
                ClusterTarget.RequirePostgres(postgresField, postgresValue);
            }
            SiloSettings settings;
            try
            {
                settings = new SiloSettings
                {
                    Role = Enum.Parse<SiloRole>(parse.GetValue(role)!, ignoreCase: true),
                    Postgres = postgresValue,
                    Name = pod?.Name ?? parse.GetValue(name) ?? defaults.Name,
                    Slots = parse.GetValue(slots),
                    SiloPort = parse.GetValue(siloPort),
                    GatewayPort = parse.GetValue(gatewayPort),
                    HttpPort = parse.GetValue(httpPort),
                    Address = parsedAddress ?? IPAddress.Loopback,
                    DataDirectory = parse.GetValue(dataDir),
                    CheckpointDirectory = parse.GetValue(checkpointDir),
                    LeaseTimeout = TimeSpan.FromSeconds(lease),
                    HeartbeatInterval = SweepClusterOptions.HeartbeatIntervalFor(TimeSpan.FromSeconds(lease)),
                    Kubernetes = inKubernetes,
                    Dashboard = parse.GetValue(dashboard),
                }.Validated();
            }
            catch (SiloSettingsException e)
            {
                throw new CliException(e.Message, ExitCodes.BadInput);
            }

            var listens = Listens(settings);
            foreach (var (flag, listenAddress, port) in listens)
            {
                RequireFree(flag, listenAddress, port);
            }

            WebApplication app;
            try
            {
                app = SuperConvergenceSiloHost.Build(settings);
            }
            catch (DataDirectoryInUseException e)
            {
                throw EmbeddedCluster.InUse(e, parse.GetValue(dataDir) is null ? null : "--data-dir");
            }

            console.Error.WriteLine($"silo {settings.Name}: role {settings.Role.ToWire()}, {(settings.Postgres is null ? "embedded (SQLite, localhost)" : "PostgreSQL cluster")}, gateway :{settings.GatewayPort}, http :{settings.HttpPort}{(settings.Dashboard ? $", dashboard http://{settings.Address}:{settings.HttpPort}{SuperConvergenceSiloHost.DashboardPath}" : "")}");
            try
            {
                await app.StartAsync(ct);
            }
            catch (Exception e) when (IsAddressInUse(e))
            {
                // Taken between the check and the start: say which ports were asked for.
                throw new CliException(
                    $"{string.Join(", ", listens.Select(l => $"{l.Flag} {l.Port}"))}: one of them is already in use",
                    ExitCodes.BadInput,
                    "another process (a silo already running?) took it as this one started; choose free ports");
            }

            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The ports the silo will listen on, with the flag that set each and the address it binds.</summary>
    private static List<(string Flag, IPAddress Address, int Port)> Listens(SiloSettings settings)
    {
        // Every silo listens on its --address only (loopback unless given). A worker of a cluster opens no gateway.
        var embedded = settings.Postgres is null;
        var address = settings.Address;
        var listens = new List<(string, IPAddress, int)> { ("--silo-port", address, settings.SiloPort) };
        if (embedded || settings.Role != SiloRole.Worker)
        {
            listens.Add(("--gateway-port", address, settings.GatewayPort));
        }

        if (settings.HttpPort != 0)
        {
            listens.Add(("--http-port", address, settings.HttpPort));
        }

        return listens;
    }

    /// <summary>Binds the port for a moment, so that a taken one is reported with its flag before anything starts.</summary>
    private static void RequireFree(string flag, IPAddress address, int port)
    {
        try
        {
            // Address reuse as Kestrel and Orleans bind (SO_REUSEADDR on Linux): a port in TIME_WAIT after a silo
            // stopped is free for them and must be for the probe; one a process listens on is not.
            var probe = new TcpListener(address, port) { ExclusiveAddressUse = false };
            probe.Start();
            probe.Stop();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new CliException($"{flag}: {port} is already in use", ExitCodes.BadInput, $"another process listens on it (a silo already running?); choose a free port with {flag}");
        }
        catch (SocketException e)
        {
            throw new CliException($"{flag}: {port} cannot be listened on ({e.Message})", ExitCodes.BadInput, $"choose another port with {flag}");
        }
    }

    private static bool IsAddressInUse(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                || e is IOException && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
