using Microsoft.AspNetCore.Components;
using Scrm.App.Components.Shared;
using Scrm.App.Data;
using Scrm.Domain.Flows;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Flows.Sandbox;

public sealed partial class SandboxPanel
{
    [Inject] private SandboxTickets Tickets { get; set; } = null!;
    [Inject] private ErrorMessages Errors { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    /// <summary>The flow as the canvas shows it now, read when a run starts.</summary>
    [Parameter, EditorRequired] public Func<FlowDefinition> Definition { get; set; } = null!;
    [Parameter, EditorRequired] public AccessScope Scope { get; set; } = null!;
    [Parameter] public string? FlowKey { get; set; }
    /// <summary>After every step (and null after a reset), so the page can mark the run on the canvas.</summary>
    [Parameter] public EventCallback<FlowSandbox?> Changed { get; set; }

    private readonly SampleTicket _sample = new();
    private FlowSandbox? _run;
    private string? _number;
    private string? _lookup;
    private SandboxTicket? _ticket;

    /// <summary>A real ticket's status; a sample starts new.</summary>
    private TicketStatus Status => _ticket?.Facts.Status ?? TicketStatus.New;

    private async Task FindAsync()
    {
        _ticket = null;
        if (string.IsNullOrWhiteSpace(_number)) return;
        _ticket = await Tickets.FindAsync(Scope, _number);
        if (_ticket is null)
        {
            _lookup = L["Sandbox.TicketNotFound", _number.Trim()];
            return;
        }
        var copied = SampleTicket.From(_ticket.Facts);
        (_sample.Type, _sample.Priority, _sample.Region, _sample.City, _sample.Tier, _sample.AmountYuan, _sample.Form) =
            (copied.Type, copied.Priority, copied.Region, copied.City, copied.Tier, copied.AmountYuan, copied.Form);
        _lookup = L["Sandbox.TicketFound", _ticket.Number, _ticket.Title, L["Status." + _ticket.Facts.Status]]
            + (_ticket.FlowKey is { } key ? " · " + L["Sandbox.TicketOnFlow", key, _ticket.FlowVersion ?? 0] : "");
    }

    private async Task StartAsync()
    {
        _run = new FlowSandbox(Definition(), _sample.Facts(Status), Clock.GetUtcNow());
        _run.Start();
        await Changed.InvokeAsync(_run);
    }

    private async Task LoadState()
    {
        if (_ticket?.State is not { } state) return;
        _run = new FlowSandbox(Definition(), _sample.Facts(Status), Clock.GetUtcNow());
        _run.StartFrom(state);
        await Changed.InvokeAsync(_run);
    }

    private async Task SendAsync(FlowSignal signal)
    {
        if (_run is null) return;
        _run.Apply(signal);
        await Changed.InvokeAsync(_run);
    }

    private async Task FactsChangedAsync()
    {
        if (_run is null) return;
        _run.ChangeFacts(_sample.Facts(_run.Facts.Status));
        await Changed.InvokeAsync(_run);
    }

    private async Task ResetAsync()
    {
        _run = null;
        await Changed.InvokeAsync(null);
    }
}
