using Microsoft.AspNetCore.Components;

namespace Bot.Host.Dashboard.Components;

/// <summary>One column of a <see cref="DataTable{TItem}"/>: its title and how a row's cell is written.</summary>
/// <param name="Class"><c>wide</c> for text that takes a whole card line on a phone, <c>actions</c> for buttons.</param>
public sealed record Column<TItem>(string Title, RenderFragment<TItem> Cell, string? Class = null);
