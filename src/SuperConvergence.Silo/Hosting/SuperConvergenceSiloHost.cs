using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace SuperConvergence.Silo.Hosting;

/// <summary>
/// The silo process as every host of one builds it (`sc silo`, the console's embedded cluster, tests): its settings
/// fed in as configuration, composed by <see cref="SuperConvergenceSiloHostApplicationBuilderExtensions.AddSuperConvergenceSilo"/>,
/// with /healthz, /readyz, /metrics and, when asked for, the Orleans Dashboard at /dashboard.
/// </summary>
public static class SuperConvergenceSiloHost
{
    /// <summary>Where the Orleans Dashboard is served with <see cref="SiloSettings.Dashboard"/> on.</summary>
    public const string DashboardPath = "/dashboard";

    /// <param name="settings">The silo's settings; they become section <see cref="SiloConfiguration.Section"/> of its configuration.</param>
    /// <param name="logLevel">The least level logged (to stderr).</param>
    public static WebApplication Build(SiloSettings settings, LogLevel logLevel = LogLevel.Information)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder();
        // Added last, so the caller's settings win over anything the environment holds under the same keys.
        builder.Configuration.AddInMemoryCollection(settings.ToConfiguration());
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // Logs are diagnostics: stderr, so that stdout carries only what a command was asked for (JSON, tables).
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Orleans", logLevel < LogLevel.Warning ? LogLevel.Warning : logLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        builder.AddSuperConvergenceSilo();
        var app = builder.Build();
        // Resolved once so that the container owns it: the data directory's lock goes when the host is disposed.
        _ = app.Services.GetService<DataDirectoryLock>();
        return app.MapSuperConvergenceSiloEndpoints();
    }
}
