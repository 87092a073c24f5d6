// The namespaces most files of this project use, once, instead of at the top of every file.
global using SuperConvergence.Core.Datasets;
global using SuperConvergence.Core.RangeTests;
global using SuperConvergence.Core.Schedules;
global using SuperConvergence.Core.Trials;
global using SuperConvergence.Training.Data;
global using SuperConvergence.Training.Data.Tensors;
global using SuperConvergence.Training.Models;
global using SuperConvergence.Training.Training;
global using System.Globalization;
global using System.IO.Compression;
global using System.Runtime.InteropServices;
global using System.Security.Cryptography;
global using System.Text;
global using System.Text.Json;
global using TorchSharp;
global using TorchSharp.Modules;
