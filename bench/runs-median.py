# Medians over several bench runs: python3 bench/runs-median.py bench/results/runs/*.json
# (each ratio is taken within its own run, then the median over runs). Works on full runs and on
# --reliability runs: a value missing from any of the runs is left out.
import json, sys, statistics as st
runs = [json.load(open(f)) for f in sys.argv[1:]]
def med(xs): return st.median(xs)
def peak(d, s): return d['systems'][s]['valid']['median']['refresh_per_s']
def hp(d, s): return d['systems'][s]['half_peak']['median']['p99_ms']
rows = []
print("| value | " + " | ".join(r['started'][:16] for r in runs) + " | median |")
print("|---|" + "---:|" * (len(runs) + 1))
def row(name, f, fmt="{:,.1f}"):
    try:
        vals = [f(r) for r in runs]
    except (KeyError, TypeError, ZeroDivisionError, StopIteration):
        return
    print(f"| {name} | " + " | ".join(fmt.format(v) for v in vals) + f" | {fmt.format(med(vals))} |")
for s in ['ours', 'ours-nondurable', 'ours-lowpause', 'ours-eddsa', 'sas-bcrypt', 'sas-noop', 'navikt']:
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
row("cost of durable commits (1 - ours / ours-nondurable)", lambda d: 100*(1-peak(d,'ours')/peak(d,'ours-nondurable')), "{:.1f} %")
def conn(d, n): return next(c for c in d['connections'] if c['connections'] == n)
for n in [8, 128, 1000]:
    row(f"ours at {n:,} connections, refresh/s", lambda d, n=n: conn(d, n)['result']['median']['refresh_per_s'])
    row(f"ours at {n:,} connections, p99 ms", lambda d, n=n: conn(d, n)['result']['median']['p99_ms'], "{:,.2f}")
row("128 vs 8 connections", lambda d: 100*conn(d,128)['result']['median']['refresh_per_s']/conn(d,8)['result']['median']['refresh_per_s'], "{:.0f} %")
row("p99 / p50 at 128 connections", lambda d: conn(d,128)['p99_over_p50'], "{:.2f}x")
row("errors at 1,000 connections", lambda d: sum(conn(d,1000)['result']['errors'].values()) + conn(d,1000)['result']['families_lost'], "{:.0f}")
row("soak: unexpected errors", lambda d: d['soak']['unexpected_errors'], "{:.0f}")
row("soak: heap growth after GC (MB)", lambda d: d['soak']['heap_growth_mb'], "{:+.1f}")
