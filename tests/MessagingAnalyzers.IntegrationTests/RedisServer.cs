using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using StackExchange.Redis;
using Xunit;

namespace MessagingAnalyzers.IntegrationTests
{
    /// <summary>
    /// A real redis-server on 127.0.0.1:<see cref="Port"/>: used when one is already listening there, otherwise
    /// started from the PATH (no persistence) and stopped by its pid when the tests end.
    /// MESSAGING_ANALYZERS_REDIS_SERVER names another redis-server executable, or <c>none</c> to skip the Redis tests.
    /// </summary>
    public sealed class RedisServer : IDisposable
    {
        public const int Port = 6399;

        private readonly Process? _process;

        public RedisServer()
        {
            var configured = Environment.GetEnvironmentVariable("MESSAGING_ANALYZERS_REDIS_SERVER");
            if (string.Equals(configured, "none", StringComparison.OrdinalIgnoreCase))
            {
                SkipReason = "MESSAGING_ANALYZERS_REDIS_SERVER=none: the Redis tests are off";
                return;
            }

            if (IsListening())
            {
                Connection = Connect();
                return;
            }

            var executable = string.IsNullOrEmpty(configured) ? FindOnPath("redis-server") : configured;
            if (executable is null)
            {
                SkipReason = "redis-server is not installed (run ./eng/start-redis.sh --install, or: sudo apt-get install redis-server)";
                return;
            }

            _process = Process.Start(new ProcessStartInfo(executable, $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --protected-mode yes")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            for (var i = 0; i < 400 && !IsListening(); i++) // up to 20 s: a loaded CI machine can be slow to start it
            {
                Thread.Sleep(50);
            }

            if (!IsListening())
            {
                SkipReason = "redis-server did not start on port " + Port;
                return;
            }

            Connection = Connect();
        }

        public IConnectionMultiplexer? Connection { get; }

        public string? SkipReason { get; }

        public IConnectionMultiplexer Require()
        {
            Skip.If(Connection is null, SkipReason);
            return Connection!;
        }

        public static ConnectionMultiplexer Connect() => ConnectionMultiplexer.Connect($"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000");

        public void Dispose()
        {
            Connection?.Dispose();
            if (_process is { HasExited: false })
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }

            _process?.Dispose();
        }

        private static bool IsListening()
        {
            try
            {
                using var client = new TcpClient();
                return client.ConnectAsync("127.0.0.1", Port).Wait(200) && client.Connected;
            }
            catch (Exception)
            {
                return false;
            }
        }

        private static string? FindOnPath(string name)
        {
            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    [CollectionDefinition(Name)]
    public sealed class RedisCollection : ICollectionFixture<RedisServer>
    {
        public const string Name = "redis";
    }
}
