using System.Net;
using Microsoft.Extensions.Configuration;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// <see cref="SiloSettings"/> as configuration: the keys of section <see cref="Section"/>, named as the settings'
/// properties. Every host of a silo feeds its settings in this way (`sc silo`'s flags and variables, the console's
/// embedded cluster, tests), and <see cref="SuperConvergenceSiloHostApplicationBuilderExtensions.AddSuperConvergenceSilo"/>
/// binds every option of the silo from it: the sweep timing (<see cref="Grains.Hosting.SweepClusterOptions"/>), the
/// slots (<see cref="Grains.Hosting.WorkerSlotsOptions"/>) and the storage (<see cref="SuperConvergenceStorageOptions"/>)
/// read the keys of the same names.
/// </summary>
public static class SiloConfiguration
{
    public const string Section = "Silo";

    /// <summary>Every setting as a configuration key under <see cref="Section"/>; unset ones (null) are keys without a value.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ToConfiguration(this SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [Key(nameof(SiloSettings.Role))] = settings.Role.ToString(),
            [Key(nameof(SiloSettings.Postgres))] = settings.Postgres,
            [Key(nameof(SiloSettings.Name))] = settings.Name,
            [Key(nameof(SiloSettings.Slots))] = Text(settings.Slots),
            [Key(nameof(SiloSettings.SiloPort))] = Text(settings.SiloPort),
            [Key(nameof(SiloSettings.GatewayPort))] = Text(settings.GatewayPort),
            [Key(nameof(SiloSettings.HttpPort))] = Text(settings.HttpPort),
            [Key(nameof(SiloSettings.Address))] = settings.Address.ToString(),
            [Key(nameof(SiloSettings.DataDirectory))] = settings.DataDirectory,
            [Key(nameof(SiloSettings.CheckpointDirectory))] = settings.CheckpointDirectory,
            [Key(nameof(SiloSettings.HeartbeatInterval))] = Text(settings.HeartbeatInterval),
            [Key(nameof(SiloSettings.LeaseTimeout))] = Text(settings.LeaseTimeout),
            [Key(nameof(SiloSettings.Dashboard))] = Text(settings.Dashboard),
            [Key(nameof(SiloSettings.Kubernetes))] = Text(settings.Kubernetes),
            [Key(nameof(SiloSettings.ResumeRunningSweeps))] = Text(settings.ResumeRunningSweeps),
        };
    }

    /// <summary>
    /// The settings that section <see cref="Section"/> of <paramref name="configuration"/> gives, each missing one at
    /// its default; not validated (<see cref="SiloSettings.Validated"/>).
    /// </summary>
    /// <exception cref="SiloSettingsException">A value is not of its setting's type; the message names the key.</exception>
    public static SiloSettings ReadSiloSettings(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = new SiloSettings();
        return new SiloSettings
        {
            Role = Read(section, nameof(SiloSettings.Role), defaults.Role, "must be all, coordinator or worker", TryRole),
            Postgres = section[nameof(SiloSettings.Postgres)] ?? defaults.Postgres,
            Name = section[nameof(SiloSettings.Name)] ?? defaults.Name,
            Slots = Read(section, nameof(SiloSettings.Slots), defaults.Slots, "must be a whole number", TryInt),
            SiloPort = Read(section, nameof(SiloSettings.SiloPort), defaults.SiloPort, "must be a whole number", TryInt),
            GatewayPort = Read(section, nameof(SiloSettings.GatewayPort), defaults.GatewayPort, "must be a whole number", TryInt),
            HttpPort = Read(section, nameof(SiloSettings.HttpPort), defaults.HttpPort, "must be a whole number", TryInt),
            Address = Read(section, nameof(SiloSettings.Address), defaults.Address, "must be an IP address", TryAddress),
            DataDirectory = section[nameof(SiloSettings.DataDirectory)] ?? defaults.DataDirectory,
            CheckpointDirectory = section[nameof(SiloSettings.CheckpointDirectory)] ?? defaults.CheckpointDirectory,
            HeartbeatInterval = Read(section, nameof(SiloSettings.HeartbeatInterval), defaults.HeartbeatInterval, "must be a time span (hh:mm:ss)", TryTimeSpan),
            LeaseTimeout = Read(section, nameof(SiloSettings.LeaseTimeout), defaults.LeaseTimeout, "must be a time span (hh:mm:ss)", TryTimeSpan),
            Dashboard = Read(section, nameof(SiloSettings.Dashboard), defaults.Dashboard, "must be true or false", bool.TryParse),
            Kubernetes = Read(section, nameof(SiloSettings.Kubernetes), defaults.Kubernetes, "must be true or false", bool.TryParse),
            ResumeRunningSweeps = Read(section, nameof(SiloSettings.ResumeRunningSweeps), defaults.ResumeRunningSweeps, "must be true or false", bool.TryParse),
        };
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static string Key(string setting) => $"{Section}:{setting}";

    private static T Read<T>(IConfigurationSection section, string setting, T fallback, string problem, TryParse<T> parse)
    {
        var text = section[setting];
        if (text is null)
        {
            return fallback;
        }

        return parse(text, out var value) ? value : throw new SiloSettingsException(Key(setting), text, problem);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";

    // The constant ("c") format is the one the configuration binder reads back into the options' TimeSpans.
    private static string Text(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private static bool TryInt(string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private static bool TryTimeSpan(string text, out TimeSpan value) => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);

    private static bool TryAddress(string text, out IPAddress value)
    {
        var parsed = IPAddress.TryParse(text, out var address);
        value = address ?? IPAddress.None;
        return parsed;
    }

    private static bool TryRole(string text, out SiloRole value) =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, CultureInfo.InvariantCulture, out _);
}
