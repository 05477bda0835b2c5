using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using Scrm.App.Resources;

namespace Scrm.App.Features.Settlement;

/// <summary>
/// The Excel files of a period: the statement (commissions and partner statements, with totals) and the per-ticket
/// list. Amounts in yuan with two decimals. Column widths are set by hand: AdjustToContents needs libgdiplus.
/// </summary>
public sealed class SettlementExcel(IStringLocalizer<SharedResource> l)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string YuanFormat = "#,##0.00";

    public byte[] Statement(SettlementStatement s)
    {
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet(l["Settlement.Sheet.Commission"]);
        Header(sheet, l["Settlement.Technician"], l["Settlement.Region"], l["Settlement.Plan"], l["Settlement.Tier"], l["Settlement.Rate"],
            l["Settlement.Volume"], l["Settlement.Tickets"], l["Settlement.Revenue"], l["Settlement.Commission"]);
        var row = 2;
        foreach (var c in s.Commissions)
        {
            Cells(sheet, row++, c.TechnicianName, Region(c.Region), c.PlanName, c.Tier, c.RatePercent / 100m, c.Volume, c.Tickets,
                Yuan(c.RevenueFen), Yuan(c.CommissionFen));
        }
        Total(sheet, row, 1, 9, [7, 8, 9], [8, 9]);
        sheet.Column(5).Style.NumberFormat.Format = "0.0%";
        Widths(sheet, 14, 8, 16, 6, 8, 12, 8, 14, 14);

        var partners = book.AddWorksheet(l["Settlement.Sheet.Partners"]);
        Header(partners, l["Settlement.Partner"], l["Settlement.Region"], l["Settlement.Share"], l["Settlement.Tickets"], l["Settlement.Revenue"],
            l["Settlement.PartnerShare"], l["Settlement.Fee"], l["Settlement.Payable"]);
        row = 2;
        foreach (var p in s.Partners)
            Cells(partners, row++, p.PartnerName, Region(p.Region), p.SharePercent / 100m, p.Tickets, Yuan(p.RevenueFen), Yuan(p.ShareFen), Yuan(p.FeeFen),
                Yuan(p.PayableFen));
        Total(partners, row, 1, 8, [4, 5, 6, 7, 8], [5, 6, 7, 8]);
        partners.Column(3).Style.NumberFormat.Format = "0.0%";
        Widths(partners, 24, 8, 8, 8, 14, 14, 12, 14);
        return Save(book);
    }

    public byte[] Tickets(SettlementStatement s)
    {
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet(l["Settlement.Sheet.Tickets"]);
        Header(sheet, l["Settlement.TicketNumber"], l["Settlement.Region"], l["Settlement.City"], l["Settlement.Technician"], l["Settlement.Partner"],
            l["Settlement.Revenue"], l["Settlement.Cost"], l["Settlement.Margin"], l["Settlement.MarginRate"], l["Settlement.Note"]);
        var row = 2;
        foreach (var t in s.Tickets)
        {
            var note = string.Join(" ", new[] { t.HasCredit ? l["Settlement.Credited"].Value : null, t.LateAdjustment ? l["Settlement.Late"].Value : null,
                t.ParentTicketId is not null ? l["Settlement.Pipeline"].Value : null }.Where(n => n is not null));
            Cells(sheet, row++, t.TicketNumber, Region(t.Region), t.City, t.TechnicianName ?? "", t.PartnerName ?? "", Yuan(t.RevenueFen), Yuan(t.CostFen),
                Yuan(t.MarginFen), t.MarginPercent is { } m ? m / 100m : "", note);
        }
        Total(sheet, row, 1, 10, [6, 7, 8], [6, 7, 8]);
        sheet.Column(9).Style.NumberFormat.Format = "0.0%";
        Widths(sheet, 20, 8, 10, 12, 24, 14, 14, 14, 10, 16);
        return Save(book);
    }

    private string Region(string region) => region.Length == 0 ? "" : l["Region." + region];

    private static decimal Yuan(long fen) => fen / 100m;

    private static void Header(IXLWorksheet sheet, params string[] titles)
    {
        for (var i = 0; i < titles.Length; i++) sheet.Cell(1, i + 1).Value = titles[i];
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
    }

    private static void Cells(IXLWorksheet sheet, int row, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) sheet.Cell(row, i + 1).Value = values[i];
    }

    // Totals as values, not formulas: a file opened by a program that does not calculate still shows them.
    private void Total(IXLWorksheet sheet, int row, int labelColumn, int lastColumn, int[] sumColumns, int[] yuanColumns)
    {
        sheet.Cell(row, labelColumn).Value = l["Settlement.Total"].Value;
        foreach (var column in sumColumns)
            sheet.Cell(row, column).Value = Enumerable.Range(2, row - 2).Sum(r => sheet.Cell(r, column).GetValue<decimal>());
        sheet.Range(row, 1, row, lastColumn).Style.Font.Bold = true;
        foreach (var column in yuanColumns) sheet.Column(column).Style.NumberFormat.Format = YuanFormat;
    }

    private static void Widths(IXLWorksheet sheet, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++) sheet.Column(i + 1).Width = widths[i];
    }

    private static byte[] Save(XLWorkbook book)
    {
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }
}
