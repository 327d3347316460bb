using Bot.Host.WeCom;
using Microsoft.Extensions.Options;

namespace Bot.Host.Sandbox;

/// <summary>
/// The <c>Sandbox</c> section. Off by default; on in the README's run command. The demo group's windows are short so
/// that a newcomer sees reminder, explanation and escalation within a minute or two, at any hour (no quiet hours).
/// </summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    public bool Enabled { get; set; }

    public string ChatId { get; set; } = "wrkSandboxSchool";

    /// <summary>The demo group's robot webhook key; the fake WeCom inside the host accepts it.</summary>
    public string WebhookKey { get; set; } = "sandbox-key";

    public TimeSpan ReplyWindow { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan ExplanationWindow { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan RectificationWindow { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The sandbox encrypts as WeCom does, so it needs the robot channel's credentials.</summary>
public sealed class SandboxOptionsValidator(IOptions<WeComOptions> wecom) : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        if (!wecom.Value.Robot.IsConfigured)
            failures.Add("Sandbox:Enabled needs WeCom:Robot:Token and WeCom:Robot:EncodingAesKey: the sandbox encrypts its messages with them");
        if (options.ReplyWindow <= TimeSpan.Zero || options.ExplanationWindow <= TimeSpan.Zero || options.RectificationWindow <= TimeSpan.Zero)
            failures.Add("Sandbox:ReplyWindow, ExplanationWindow and RectificationWindow must be positive durations such as \"00:00:30\"");
        if (string.IsNullOrWhiteSpace(options.ChatId) || string.IsNullOrWhiteSpace(options.WebhookKey))
            failures.Add("Sandbox:ChatId and Sandbox:WebhookKey must not be empty");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
