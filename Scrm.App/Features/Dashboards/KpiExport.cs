using ClosedXML.Excel;
using Scrm.Domain.Dashboards;

namespace Scrm.App.Features.Dashboards;

/// <summary>The view on screen as an Excel workbook: one sheet each for the tiles, the days, the places and the leaderboard.</summary>
public sealed class KpiExport
{
    public byte[] Workbook(KpiView view, Func<string, string> text)
    {
        using var book = new XLWorkbook();
        var tiles = book.Worksheets.Add(text("Dashboards.Sheet.Tiles"));
        Row(tiles, 1, text("Dashboards.Col.Figure"), text("Dashboards.Col.Current"), text("Dashboards.Col.Previous"), text("Dashboards.Col.Change"));
        var r = 2;
        foreach (var tile in view.Tiles)
            Row(tiles, r++, text($"Dashboards.Tile.{tile.Key}"), tile.Current, tile.Previous, tile.Change);
        Row(tiles, r + 1, text("Dashboards.Col.Period"), $"{view.Filter.From:yyyy-MM-dd} – {view.Filter.To:yyyy-MM-dd}");

        var days = book.Worksheets.Add(text("Dashboards.Sheet.Days"));
        Row(days, 1, text("Dashboards.Col.Day"), text("Dashboards.Tile.New"), text("Dashboards.Tile.Closed"), text("Dashboards.Col.Resolved"),
            text("Dashboards.Tile.SlaCompliance"));
        r = 2;
        foreach (var d in view.Trend) Row(days, r++, d.Day.ToString("yyyy-MM-dd"), d.Created, d.Closed, d.Resolved, d.SlaPercent);

        var places = book.Worksheets.Add(text("Dashboards.Sheet.Places"));
        Row(places, 1, text("Dashboards.Col.Region"), text("Dashboards.Col.City"), text("Dashboards.Tile.New"), text("Dashboards.Tile.Closed"),
            text("Dashboards.Col.Technicians"));
        r = 2;
        foreach (var p in view.Places) Row(places, r++, p.Region, p.City, p.Created, p.Closed, p.Technicians);

        var board = book.Worksheets.Add(text("Dashboards.Sheet.Leaderboard"));
        Row(board, 1, text("Dashboards.Col.Technician"), text("Dashboards.Col.Region"), text("Dashboards.Tile.Closed"),
            text("Dashboards.Tile.SlaCompliance"), text("Dashboards.Tile.FirstTimeFix"), text("Dashboards.Col.Rating"), text("Dashboards.Tile.Revenue"));
        r = 2;
        foreach (var t in view.Technicians) Row(board, r++, t.Name, t.Region, t.Closed, t.SlaPercent, t.FirstTimeFixPercent, t.Rating, t.RevenueFen / 100.0);

        // AdjustToContents needs libgdiplus, which the servers do not have: fixed widths instead.
        foreach (var sheet in book.Worksheets) sheet.Columns(1, 8).Width = 16;
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Row(IXLWorksheet sheet, int row, params object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = sheet.Cell(row, i + 1);
            switch (cells[i])
            {
                case null: break;
                case string s: cell.Value = s; break;
                case double d: cell.Value = Math.Round(d, 2); break;
                case long l: cell.Value = l; break;
                case int n: cell.Value = n; break;
                default: cell.Value = cells[i]!.ToString(); break;
            }
        }
    }
}
