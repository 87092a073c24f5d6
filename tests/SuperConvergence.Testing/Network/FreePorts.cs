using System.Net;
using System.Net.Sockets;

namespace SuperConvergence.Testing.Network;

/// <summary>Loopback TCP ports nothing listens on, for silos, gateways and servers that tests start.</summary>
public static class FreePorts
{
    /// <summary>Distinct free ports. The system could hand one out again before the caller binds it; tests accept that small race.</summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            // Held open together so that the system cannot return the same port twice in one call.
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
