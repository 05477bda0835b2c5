using Scrm.App;
using Scrm.App.Api;

using Scrm.App.Features.Identity;
using Scrm.App.Features.Admin;
using Scrm.App.Features.Forms;
using Scrm.App.Features.Flows;
using Scrm.App.Features.Files;
using Scrm.App.Features.Dispatch;
using Scrm.App.Features.Intake;
using Scrm.App.Features.Customers;
using Scrm.App.Features.Dashboards;
using Scrm.App.Data;
using Scrm.App.Data.Seed;
using Scrm.App.Events;
using Scrm.App.Realtime;
using Scrm.App.Features.Technicians;
using Scrm.App.Features.Tickets;
using Scrm.App.Features.Timers;
using Scrm.App.Features.Sla;
using Scrm.App.Features.Tracking;
using Scrm.App.Features.Channels;
using Scrm.App.Features.Notifications;
using Scrm.App.Features.Settlement;
using Scrm.App.Features.Pricing;

var builder = WebApplication.CreateBuilder(args);
// Package assets (MudBlazor, blazor.web.js) from the build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();
// Served from the build output, MapStaticAssets sends every file no-cache, fingerprinted or not, unless this is set:
// every page revalidated its stylesheets and scripts before it could paint. A fingerprinted URL changes with its
// content, so the manifest's immutable caching is right outside Development, where hot reload rewrites files in place.
if (!builder.Environment.IsDevelopment()) builder.Configuration["EnableStaticAssetsDevelopmentCaching"] ??= "true";

builder.Services.AddScrmPlatform(builder.Configuration);
builder.Services.AddScrmData(builder.Configuration);
builder.Services.AddDomainEvents(builder.Configuration);
builder.Services.AddTimers();
builder.Services.AddScrmIdentity(builder.Configuration);
builder.Services.AddScrmUi();
builder.Services.AddRealtime();
builder.Services.AddTickets();
builder.Services.AddCustomers();
builder.Services.AddTechnicians();
builder.Services.AddDashboards();
builder.Services.AddAdmin();
builder.Services.AddForms();
builder.Services.AddFlows();
builder.Services.AddFiles(builder.Configuration);
builder.Services.AddDispatch(builder.Configuration);
builder.Services.AddSla();
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddSettlement();
builder.Services.AddPricing();
builder.Services.AddIntake(builder.Configuration);
builder.Services.AddTracking(builder.Configuration);
builder.Services.AddChannels(builder.Configuration);
builder.Services.AddDemoSeed(builder.Configuration);
builder.Services.AddScrmApi();


var app = builder.Build();

await app.Services.PrepareDatabaseAsync();
if (await app.RunDashboardCommandAsync(args)) return;

app.UseScrmPipeline();
app.MapScrmApi();

app.MapScrmUi();
app.MapIntake();
app.MapTracking();
app.MapFiles();
app.MapChannels();
app.MapSettlement();

app.Run();

/// <summary>The app's entry point, visible to the test host.</summary>
public partial class Program;
