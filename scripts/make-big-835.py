#!/usr/bin/env python3
"""Builds a large 835 for `clearbill bench 835`: the transaction sets of the 96-claim sample repeated inside one
interchange and one functional group until the file reaches the size asked for (100 MB by default).

Each copy gets its own ST02/SE02 control number; GE01 counts the copies, so the file passes every envelope check.
The sample is a de-identified 004010 file whose envelope says version 99999 and 999999X999X9; the copy's ISA12 and
GS08 say 00501 and 005010X221A1 so that a 5010-only reader (linuxforhealth-x12) takes it too.

usage: scripts/make-big-835.py OUT [--megabytes N] [--sample PATH-OR-NAME]
(a bare NAME is looked up in shared/data/x12-835, e.g. --sample managed-care.835)
"""
import argparse
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent


def find_sample(name: str) -> pathlib.Path:
    if pathlib.Path(name).exists():
        return pathlib.Path(name)
    for folder in [ROOT, *ROOT.parents]:
        candidate = folder / "shared/data/x12-835" / name
        if candidate.exists():
            return candidate
    raise SystemExit(f"make-big-835: {name} is neither a file nor in shared/data/x12-835 above {ROOT}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--megabytes", type=float, default=100)
    parser.add_argument("--sample", default="v4010-deidentified-96-claims.835")
    args = parser.parse_args()
    text = find_sample(args.sample).read_text()
    element, terminator = text[3], text[105]
    segments = [s.strip() for s in text.split(terminator) if s.strip()]
    isa = segments[0].split(element)
    gs = segments[1].split(element)
    body = segments[segments.index(next(s for s in segments if s.startswith("ST" + element))):]
    body = body[: next(i for i, s in enumerate(body) if s.startswith("SE" + element)) + 1]
    isa[11] = "^"
    isa[12] = "00501"
    isa[13] = "000000001"
    gs[6] = "1"
    gs[8] = "005010X221A1"
    target = int(args.megabytes * 1_000_000)
    count = 0
    with open(args.out, "w") as out:
        written = out.write(element.join(isa) + terminator + "\n" + element.join(gs) + terminator + "\n")
        while written < target:
            count += 1
            control = f"{count:09d}"
            for segment in body:
                if segment.startswith("ST" + element) or segment.startswith("SE" + element):
                    segment = re.sub(r"[^" + re.escape(element) + r"]*$", control, segment, count=1)
                written += out.write(segment + terminator + "\n")
        written += out.write(f"GE{element}{count}{element}1{terminator}\nIEA{element}1{element}000000001{terminator}\n")
    print(f"{args.out}: {written / 1e6:.1f} MB, {count} transaction sets of {len(body)} segments")


if __name__ == "__main__":
    main()
