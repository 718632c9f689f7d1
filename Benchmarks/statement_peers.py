"""The PDF benchmark's peers: the same stored statements that `clearbill statements batch` prints, rendered into one
PDF by WeasyPrint (from an HTML/CSS template) or by ReportLab (from a drawing script), with the same content: the
practice header, the address for the envelope window, the amount-due box, the account summary, how to pay with a QR
code of the statement link, the remittance coupon with an OCR-A scan line, every visit line by line, activity, aging,
messages and "Page n of m".

    python statement_peers.py weasyprint|reportlab DATABASE CYCLE-DATE OUT.pdf [--limit N]

Prints one line: statements, pages, seconds. Peak memory is measured from outside (scripts/bench-pdf runs this under
/usr/bin/time), as it is for Clearbill.
"""
import argparse
import html
import io
import json
import sqlite3
import sys
import time

OCR_A = "/usr/share/fonts/truetype/ocr-a/OCRA.ttf"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def statements(database, cycle, limit):
    """The cycle's mailable statements in ZIP order, as Clearbill's batch selects them (amount due at least $5)."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    rows = connection.execute(
        "SELECT snapshot FROM statements WHERE cycle_date = ? AND amount_due_cents >= 500 ORDER BY id LIMIT ?",
        (cycle, limit))
    for (snapshot,) in rows:
        yield json.loads(snapshot)


def dollars(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}${cents // 100:,}.{cents % 100:02d}"


def luhn(digits):
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            value = value - 9 if value > 9 else value
        total += value
    return str((10 - total % 10) % 10)


def scan_line(s):
    body = s["guarantor"]["accountNumber"].zfill(8) + s["number"].zfill(11) + str(s["summary"]["amountDue"]).zfill(10)
    return body + luhn(body)


def link(s):
    return f"{s['practice']['website']}/s/{s['number']}"


SUMMARY_ROWS = [("Previous balance", "previousBalance"), ("New charges", "newCharges"),
                ("Insurance payments", "insurancePayments"), ("Insurance adjustments", "insuranceAdjustments"),
                ("Your payments", "patientPayments"), ("Balance", "balance")]
LINE_HEADER = ["Date", "Service", "Charge", "Insurance paid", "Adjustment", "Your share"]
AGING = [("Current", "current"), ("31–60", "days31to60"), ("61–90", "days61to90"), ("91–120", "days91to120"),
         ("Over 120", "over120")]


def visit_rows(s):
    for visit in s["visits"]:
        for line in visit["lines"]:
            yield [visit["dateOfService"], f"{line['code']} {line['description']}", dollars(line["charge"]),
                   dollars(line["insurancePaid"]), dollars(line["adjustments"]), dollars(line["yourShare"])]


# --- WeasyPrint: an HTML/CSS template ---------------------------------------------------------------------------

CSS = f"""
@font-face {{ font-family: OCRA; src: url(file://{OCR_A}); }}
@page {{ size: letter; margin: 0.5in; @bottom-right {{ content: "Page " counter(page) " of " counter(pages);
         font: 8pt 'DejaVu Sans'; }} }}
body {{ font: 9pt 'DejaVu Sans'; margin: 0; }}
section.statement {{ page-break-before: always; counter-reset: page 1; }}
section.statement:first-child {{ page-break-before: auto; }}
.first {{ height: 9.6in; position: relative; }}
.practice {{ font-size: 10pt; }} .practice b {{ font-size: 13pt; }}
.address {{ position: absolute; top: 1.6in; left: 0.2in; width: 3.6in; font-size: 10pt; text-transform: uppercase; }}
.due {{ position: absolute; top: 0; right: 0; width: 2.8in; border: 1.5pt solid #000; padding: 6pt; }}
.due .amount {{ font-size: 18pt; font-weight: bold; }}
.summary {{ position: absolute; top: 2.9in; left: 0; width: 4in; }}
.howto {{ position: absolute; top: 2.9in; right: 0; width: 2.8in; }}
.howto img {{ width: 1in; height: 1in; }}
.coupon {{ position: absolute; bottom: 0; left: 0; right: 0; height: 3.2in; border-top: 1pt dashed #000; padding-top: 8pt; }}
.coupon .enclosed {{ border: 1pt solid #000; width: 1.6in; height: 0.35in; }}
.scan {{ font-family: OCRA; font-size: 11pt; position: absolute; bottom: 0.3in; left: 0.2in; }}
table {{ border-collapse: collapse; width: 100%; }} thead {{ display: table-header-group; }}
th, td {{ padding: 2pt 3pt; text-align: left; border-bottom: 0.4pt solid #999; }}
td.m, th.m {{ text-align: right; }}
"""


def qr_data_uri(text):
    import segno
    return segno.make(text, error="m").svg_data_uri(scale=4, border=2)


def statement_html(s):
    e = html.escape
    p, g, summary = s["practice"], s["guarantor"], s["summary"]
    address = "<br>".join(e(x) for x in [g["name"], g["address"]["line1"], g["address"]["line2"],
                                         f"{g['address']['city']} {g['address']['state']} {g['address']['zip']}"] if x)
    remit = "<br>".join(e(x) for x in [p["name"], p["address"]["line1"], p["address"]["line2"],
                                       f"{p['address']['city']} {p['address']['state']} {p['address']['zip']}"] if x)
    rows = "".join(f"<tr><td>{e(label)}</td><td class=m>{dollars(summary[key])}</td></tr>" for label, key in SUMMARY_ROWS)
    lines = "".join("<tr>" + "".join(f"<td{' class=m' if i >= 2 else ''}>{e(c)}</td>" for i, c in enumerate(row)) + "</tr>"
                    for row in visit_rows(s))
    head = "".join(f"<th{' class=m' if i >= 2 else ''}>{e(c)}</th>" for i, c in enumerate(LINE_HEADER))
    activity = "".join(f"<tr><td>{e(a['date'])}</td><td>{e(a['description'])}</td><td class=m>{dollars(a['amount'])}</td></tr>"
                       for a in s["activity"])
    aging = "".join(f"<td>{e(label)}<br>{dollars(s['aging'][key])}</td>" for label, key in AGING)
    messages = "".join(f"<p>{e(m)}</p>" for m in s["messages"])
    return f"""<section class=statement><div class=first>
<div class=practice><b>{e(p['name'])}</b><br>{remit}<br>{e(p['phone'])} · {e(p['hours'])}</div>
<div class=due>Amount due<div class=amount>{dollars(summary['amountDue'])}</div>by {e(s['dueDate'])}<br>
Statement {e(s['number'])} · Account {e(g['accountNumber'])}</div>
<div class=address>{address}</div>
<table class=summary>{rows}</table>
<div class=howto><b>How to pay</b><br>Online: {e(p['website'])}, code {e(s['accessCode'])}<br>Phone: {e(p['phone'])}<br>
<img src="{qr_data_uri(link(s))}" alt=""></div>
<div class=coupon><b>Return this part with your payment</b><br>{remit}<br>Amount due {dollars(summary['amountDue'])}<br>
Amount enclosed<div class=enclosed></div><div class=scan>{scan_line(s)}</div></div>
</div>
<h2>Your visits</h2><table><thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table>
<h2>Activity</h2><table><tbody>{activity}</tbody></table>
<h2>Aging</h2><table><tr>{aging}</tr></table>{messages}</section>"""


def render_weasyprint(items, out):
    from weasyprint import CSS as StyleSheet, HTML
    body = "".join(statement_html(s) for s in items)
    document = HTML(string=f"<!doctype html><html><body>{body}</body></html>").render(
        stylesheets=[StyleSheet(string=CSS)])
    document.write_pdf(out)
    return len(items), len(document.pages)


# --- ReportLab: a drawing script, one statement's pages at a time ------------------------------------------------

def render_reportlab(items, out):
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.units import inch
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", DEJAVU))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", DEJAVU_BOLD))
    pdfmetrics.registerFont(TTFont("OCRA", OCR_A))
    width, height = letter
    c = canvas.Canvas(out, pagesize=letter, initialFontName="DejaVu")
    pages = 0
    columns = [0.5 * inch, 1.3 * inch, 4.6 * inch, 5.4 * inch, 6.3 * inch, 7.2 * inch]

    def text(x, y, value, size=9, font="DejaVu", right=False):
        c.setFont(font, size)
        (c.drawRightString if right else c.drawString)(x, y, value)

    for s in items:
        p, g, summary = s["practice"], s["guarantor"], s["summary"]
        # Pages of this statement, drawn first into a list of closures so the total is known for "Page n of m".
        detail = list(visit_rows(s))
        per_page = 48
        detail_pages = max(1, -(-(len(detail) + len(s["activity"]) + 12) // per_page))
        total = 1 + detail_pages

        def footer(n):
            text(width - 0.5 * inch, 0.35 * inch, f"Page {n} of {total}", 8, right=True)

        text(0.5 * inch, height - 0.6 * inch, p["name"], 13, "DejaVu-Bold")
        remit = [p["address"]["line1"], p["address"]["line2"],
                 f"{p['address']['city']} {p['address']['state']} {p['address']['zip']}"]
        for i, line in enumerate([l for l in remit if l] + [f"{p['phone']} · {p['hours']}"]):
            text(0.5 * inch, height - 0.8 * inch - i * 12, line, 9)
        c.rect(width - 3.3 * inch, height - 1.6 * inch, 2.8 * inch, 1.1 * inch)
        text(width - 3.2 * inch, height - 0.75 * inch, "Amount due", 9)
        text(width - 3.2 * inch, height - 1.05 * inch, dollars(summary["amountDue"]), 18, "DejaVu-Bold")
        text(width - 3.2 * inch, height - 1.25 * inch, f"by {s['dueDate']}", 9)
        text(width - 3.2 * inch, height - 1.45 * inch, f"Statement {s['number']} · Account {g['accountNumber']}", 8)
        address = [g["name"], g["address"]["line1"], g["address"]["line2"],
                   f"{g['address']['city']} {g['address']['state']} {g['address']['zip']}"]
        for i, line in enumerate([l for l in address if l]):
            text(0.75 * inch, height - 2.1 * inch - i * 13, line.upper(), 10)
        for i, (label, key) in enumerate(SUMMARY_ROWS):
            y = height - 3.4 * inch - i * 13
            text(0.5 * inch, y, label)
            text(4.5 * inch, y, dollars(summary[key]), right=True)
        text(width - 3.3 * inch, height - 3.4 * inch, "How to pay", 9, "DejaVu-Bold")
        text(width - 3.3 * inch, height - 3.6 * inch, f"Online: code {s['accessCode']}", 9)
        text(width - 3.3 * inch, height - 3.8 * inch, f"Phone: {p['phone']}", 9)
        widget = QrCodeWidget(link(s))
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(inch, inch, transform=[inch / (x1 - x0), 0, 0, inch / (y1 - y0), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, c, width - 3.3 * inch, height - 5.0 * inch)
        c.setDash(3, 3)
        c.line(0.5 * inch, 3.4 * inch, width - 0.5 * inch, 3.4 * inch)
        c.setDash()
        text(0.5 * inch, 3.15 * inch, "Return this part with your payment", 9, "DejaVu-Bold")
        for i, line in enumerate([p["name"]] + [l for l in remit if l]):
            text(0.75 * inch, 2.8 * inch - i * 12, line, 10)
        text(5.0 * inch, 2.8 * inch, f"Amount due {dollars(summary['amountDue'])}", 10)
        text(5.0 * inch, 2.5 * inch, "Amount enclosed", 9)
        c.rect(5.0 * inch, 2.0 * inch, 1.6 * inch, 0.35 * inch)
        text(0.75 * inch, 0.7 * inch, scan_line(s), 11, "OCRA")
        footer(1)
        c.showPage()
        pages += 1

        number, y = 2, height - 0.75 * inch

        def header(y):
            for x, label in zip(columns, LINE_HEADER):
                text(x, y, label, 8, "DejaVu-Bold")
            return y - 14

        text(0.5 * inch, y, "Your visits", 12, "DejaVu-Bold")
        y = header(y - 20)
        for row in detail:
            if y < 0.8 * inch:
                footer(number)
                c.showPage()
                pages += 1
                number, y = number + 1, header(height - 0.75 * inch)
            text(columns[0], y, row[0], 8)
            text(columns[1], y, row[1][:60], 8)
            for x, value in zip(columns[2:], row[2:]):
                text(x + 0.7 * inch, y, value, 8, right=True)
            y -= 12
        for a in s["activity"]:
            if y < 0.8 * inch:
                footer(number)
                c.showPage()
                pages += 1
                number, y = number + 1, height - 0.75 * inch
            text(columns[0], y, a["date"], 8)
            text(columns[1], y, a["description"][:70], 8)
            text(7.9 * inch, y, dollars(a["amount"]), 8, right=True)
            y -= 12
        y -= 10
        for i, (label, key) in enumerate(AGING):
            text(0.5 * inch + i * 1.4 * inch, y, f"{label}: {dollars(s['aging'][key])}", 8)
        for m in s["messages"]:
            y -= 14
            text(0.5 * inch, y, m[:110], 7)
        footer(number)
        c.showPage()
        pages += 1
    c.save()
    return len(items), pages


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("renderer", choices=["weasyprint", "reportlab"])
    parser.add_argument("database")
    parser.add_argument("cycle")
    parser.add_argument("out")
    parser.add_argument("--limit", type=int, default=1_000_000)
    args = parser.parse_args()
    started = time.perf_counter()
    items = list(statements(args.database, args.cycle, args.limit))
    if not items:
        sys.exit(f"no statements for cycle {args.cycle} in {args.database}")
    render = render_weasyprint if args.renderer == "weasyprint" else render_reportlab
    count, pages = render(items, args.out)
    print(f"{args.renderer}: {count} statements, {pages} pages in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
