# Medians over several bench runs: python3 bench/runs-median.py bench/results/runs/*.json
# (each ratio is taken within its own run, then the median over runs).
import json, sys, statistics as st
runs = [json.load(open(f)) for f in sys.argv[1:]]
def med(xs): return st.median(xs)
def peak(d, s): return d['systems'][s]['valid']['median']['refresh_per_s']
def hp(d, s): return d['systems'][s]['half_peak']['median']['p99_ms']
rows = []
print("| value | " + " | ".join(r['started'][:16] for r in runs) + " | median |")
print("|---|" + "---:|" * (len(runs) + 1))
def row(name, f, fmt="{:,.1f}"):
    vals = [f(r) for r in runs]
    print(f"| {name} | " + " | ".join(fmt.format(v) for v in vals) + f" | {fmt.format(med(vals))} |")
for s in ['ours', 'ours-lowpause', 'ours-eddsa', 'sas-bcrypt', 'sas-noop', 'navikt']:
    row(f"{s} refresh/s", lambda d, s=s: peak(d, s))
row("ours / sas-bcrypt", lambda d: peak(d,'ours')/peak(d,'sas-bcrypt'), "{:.1f}x")
row("ours / sas-noop", lambda d: peak(d,'ours')/peak(d,'sas-noop'), "{:.2f}x")
row("ours / navikt", lambda d: peak(d,'ours')/peak(d,'navikt'), "{:.2f}x")
row("ours / RS256 ceiling (JDK)", lambda d: 100*peak(d,'ours')/d['signing_ceiling']['RS256']['signatures_per_s'], "{:.0f} %")
row("ours / RS256 ceiling (AWS-LC)", lambda d: 100*peak(d,'ours')/d['signing_ceiling']['RS256-awslc']['signatures_per_s'], "{:.0f} %")
row("p99 at half peak, ours-lowpause (ms)", lambda d: hp(d,'ours-lowpause'), "{:.2f}")
row("p99 at half peak, ours on G1 (ms)", lambda d: hp(d,'ours'), "{:.2f}")
def sweep(d):
    pts = {p['stored_families']: p['result']['median']['refresh_per_s'] for p in d['size_sweep']}
    return 100*pts[1000000]/pts[1000]
row("1M vs 1k families", sweep, "{:.0f} %")
row("ceiling RS256 JDK /s", lambda d: d['signing_ceiling']['RS256']['signatures_per_s'], "{:,.0f}")
row("ceiling RS256 AWS-LC /s", lambda d: d['signing_ceiling']['RS256-awslc']['signatures_per_s'], "{:,.0f}")
