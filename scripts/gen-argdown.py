#!/usr/bin/env python3
"""Writes a generated Argdown debate of N statements and 2N relations to standard output, for
the interchange benchmark (`scripts/bench.sh interchange`):

    python3 scripts/gen-argdown.py 20000 > big.argdown

Every statement is defined once with a title and a sentence of text, under one of N/500
sections; each then supports one earlier statement and attacks another (chosen by a seeded
random generator, so that the same N gives the same file), written as relation lines under it.
A tenth of the statements carry a tag. The relations are unique, as Argdown would merge repeats.
"""
import random
import sys

WORDS = ("the policy evidence report shows that costs rise while benefits fall in every region "
         "of the study and experts disagree about the cause of the change").split()


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    rnd = random.Random(20)
    out = sys.stdout
    out.write(f"===\ntitle: Generated debate of {n} statements\nauthor: gen-argdown.py\n===\n\n")
    for i in range(1, n + 1):
        if i % 500 == 1:
            out.write(f"# Part {i // 500 + 1}\n\n")
        words = " ".join(rnd.choice(WORDS) for _ in range(12))
        tag = f" #topic{i % 7}" if i % 10 == 0 else ""
        out.write(f"[s{i}]: Statement {i}: {words}.{tag}\n")
        if i > 2:
            targets = rnd.sample(range(1, i), 2)
            out.write(f"  +> [s{targets[0]}]\n  -> [s{targets[1]}]\n")
        elif i == 2:
            out.write("  +> [s1]\n")
        out.write("\n")
    # Two more relations, so that there are exactly 2N.
    out.write("[s1]\n  +> [s2]\n  -> [s3]\n  +> [s4]\n")


if __name__ == "__main__":
    main()
