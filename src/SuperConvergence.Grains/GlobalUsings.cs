// The namespaces most files of this project use, once, instead of at the top of every file.
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
global using SuperConvergence.Abstractions.Grains;
global using SuperConvergence.Abstractions.Sweeps;
global using SuperConvergence.Abstractions.Trials;
global using SuperConvergence.Abstractions.Work;
global using SuperConvergence.Core.Persistence;
global using SuperConvergence.Core.Search;
global using SuperConvergence.Core.Sweeps;
global using SuperConvergence.Core.Trials;
global using SuperConvergence.Grains.Hosting;
global using SuperConvergence.Grains.Storage;
global using SuperConvergence.Grains.Telemetry;
global using System.Diagnostics.Metrics;
