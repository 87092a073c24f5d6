// The namespaces most files of this project use, once, instead of at the top of every file.
global using Microsoft.Data.Sqlite;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Options;
global using Orleans.Configuration;
global using SuperConvergence.Core.Persistence;
global using SuperConvergence.Grains.Hosting;
global using SuperConvergence.Silo.Persistence;
global using SuperConvergence.Silo.Persistence.Checkpoints;
global using SuperConvergence.Training.Runtime;
global using System.Globalization;
