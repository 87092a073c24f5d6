// The namespaces most files of this project use, once, instead of at the top of every file.
global using SuperConvergence.Core.Search;
global using SuperConvergence.Core.Trials;
