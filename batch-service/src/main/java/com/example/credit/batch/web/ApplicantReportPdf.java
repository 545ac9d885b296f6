package com.example.credit.batch.web;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Map;

/**
 * The PDF of an {@link ApplicantReport} (OpenPDF): the same content as the printable page — decision, reasons,
 * the waterfall as a table with bars, the model version and the methods — on A4 with the standard Helvetica fonts.
 */
final class ApplicantReportPdf {

    private static final Color UP = new Color(0xc0, 0x39, 0x2b);
    private static final Color DOWN = new Color(0x1e, 0x84, 0x49);
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 10);
    private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 8, Color.GRAY);

    private ApplicantReportPdf() {}

    static byte[] render(ApplicantReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 48, 48, 48, 48);
        try {
            PdfWriter.getInstance(document, bytes);
            document.addTitle("Credit decision explanation " + report.rowId());
            document.open();
            document.add(new Paragraph("Credit decision explanation", TITLE));
            document.add(new Paragraph("Applicant " + report.rowId() + " - run " + report.runId(), SMALL));
            Paragraph decision = new Paragraph();
            decision.setSpacingBefore(10);
            decision.add(new Chunk("Decision: " + report.decision() + ". ", BOLD));
            decision.add(new Chunk(
                    String.format(
                                    Locale.ROOT,
                                    "Estimated probability of default %.1f %% (the dashboard shows \"declined\" from %.0f %%).",
                                    report.probability() * 100,
                                    report.threshold() * 100)
                            + (report.label() == null
                                    ? ""
                                    : report.label() ? " Outcome: defaulted." : " Outcome: repaid."),
                    BODY));
            document.add(decision);
            heading(document, "Main reasons");
            int rank = 1;
            for (String reason : report.reasons()) {
                document.add(new Paragraph(rank++ + ". " + reason, BODY));
            }
            if (report.reasons().isEmpty()) {
                document.add(new Paragraph("No feature raised the estimated probability of default.", BODY));
            }
            heading(document, "How the score is made up (log-odds)");
            document.add(waterfall(report));
            heading(document, "How this explanation was made");
            PdfPTable made = new PdfPTable(new float[] {1, 3});
            made.setWidthPercentage(100);
            made.addCell(cell("Model", BODY));
            made.addCell(cell(report.modelVersion(), BODY));
            for (Map.Entry<String, String> method : report.methods().entrySet()) {
                made.addCell(cell(method.getKey(), BODY));
                made.addCell(cell(method.getValue(), BODY));
            }
            document.add(made);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write the PDF of applicant " + report.rowId(), e);
        } finally {
            document.close();
        }
        return bytes.toByteArray();
    }

    private static void heading(Document document, String text) throws DocumentException {
        Paragraph heading = new Paragraph(text, HEADING);
        heading.setSpacingBefore(14);
        heading.setSpacingAfter(6);
        document.add(heading);
    }

    private static PdfPTable waterfall(ApplicantReport report) throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {3, 2, 1.2f, 3});
        table.setWidthPercentage(100);
        for (String header : new String[] {"From", "Value", "Contribution", ""}) {
            table.addCell(cell(header, BOLD));
        }
        table.addCell(cell("Average applicant (expected value)", BODY));
        table.addCell(cell("", BODY));
        table.addCell(number(String.format(Locale.ROOT, "%.3f", report.expectedValue()), BODY));
        table.addCell(cell("", BODY));
        double largest = report.steps().stream()
                .mapToDouble(step -> Math.abs(step.phi()))
                .max()
                .orElse(1);
        for (ApplicantReport.Step step : report.steps()) {
            table.addCell(cell(step.title(), BODY));
            table.addCell(cell(step.value(), BODY));
            table.addCell(number(String.format(Locale.ROOT, "%+.3f", step.phi()), BODY));
            table.addCell(bar(Math.abs(step.phi()) / Math.max(largest, 1e-12), step.phi() >= 0 ? UP : DOWN));
        }
        table.addCell(cell("This applicant (raw score)", BOLD));
        table.addCell(cell("", BODY));
        table.addCell(number(String.format(Locale.ROOT, "%.3f", report.rawScore()), BOLD));
        table.addCell(cell("", BODY));
        return table;
    }

    /** A bar as a two-cell table: the coloured share, then the empty rest. */
    private static PdfPCell bar(double share, Color colour) {
        float filled = (float) Math.max(0.01, Math.min(0.99, share));
        PdfPTable bar = new PdfPTable(new float[] {filled, 1 - filled});
        PdfPCell left = new PdfPCell(new Phrase(" ", SMALL));
        left.setBackgroundColor(colour);
        left.setBorder(PdfPCell.NO_BORDER);
        PdfPCell right = new PdfPCell(new Phrase(" ", SMALL));
        right.setBorder(PdfPCell.NO_BORDER);
        bar.addCell(left);
        bar.addCell(right);
        PdfPCell cell = new PdfPCell(bar);
        cell.setBorder(PdfPCell.BOTTOM);
        cell.setBorderColor(Color.LIGHT_GRAY);
        cell.setVerticalAlignment(Element.ALIGN_MIDDLE);
        return cell;
    }

    private static PdfPCell cell(String text, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setBorder(PdfPCell.BOTTOM);
        cell.setBorderColor(Color.LIGHT_GRAY);
        cell.setPadding(3);
        return cell;
    }

    private static PdfPCell number(String text, Font font) {
        PdfPCell cell = cell(text, font);
        cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        return cell;
    }
}
