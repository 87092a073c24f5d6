// The namespaces most files of this project use, once, instead of at the top of every file.
global using SuperConvergence.Core.Randomness;
global using SuperConvergence.Core.RangeTests;
global using SuperConvergence.Core.Schedules;
global using SuperConvergence.Core.Search.Space;
global using SuperConvergence.Core.Sweeps;
global using SuperConvergence.Core.Trials;
global using System.Globalization;
global using System.Text;
global using System.Text.Json;
