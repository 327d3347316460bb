namespace Bot.Host.Dashboard;

/// <summary>
/// <c>dotnet Bot.Host.dll hash-password &lt;password&gt;</c>: prints the value for <c>Admin:Users:N:PasswordHash</c> and
/// exits without starting the host, so that no plain password ever needs to be written into configuration.
/// </summary>
public static class PasswordHashCommand
{
    public static bool TryRun(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (args is not ["hash-password", .. var rest]) return false;
        if (rest is not [var password] || password.Length == 0)
        {
            output.WriteLine("usage: dotnet Bot.Host.dll hash-password <password>");
            Environment.ExitCode = 2;
            return true;
        }

        output.WriteLine(PasswordHash.Create(password));
        return true;
    }
}
