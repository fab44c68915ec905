# RSS of a cdls server after a document is opened and edited: opens FILE, types 20 edits in its
# middle, waits 0.6 s (SLEEP) for the idle trim, prints VmHWM/VmRSS, and with `smaps` the RSS per
# mapping (`regions`: every mapping; `pages`: which of the binary's own pages are resident, per
# section and as runs named by the symbol they start in).
# Usage: python3 bench/rss_probe.py CDLS FILE [smaps|regions|pages]
import json, subprocess, sys, time, os
cdls, path = sys.argv[1], sys.argv[2]
lang = 'dockerfile' if 'ocker' in path else 'singularity'
p = subprocess.Popen([cdls, '--stdio'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
def send(m):
    b = json.dumps(m).encode()
    p.stdin.write(b'Content-Length: %d\r\n\r\n' % len(b) + b); p.stdin.flush()
def recv():
    h = b''
    while not h.endswith(b'\r\n\r\n'): h += p.stdout.read(1)
    n = int([l for l in h.split(b'\r\n') if l.lower().startswith(b'content-length')][0].split(b':')[1])
    return json.loads(p.stdout.read(n))
def until(pred):
    while True:
        m = recv()
        if 'id' in m and 'method' in m: send({'jsonrpc':'2.0','id':m['id'],'result':None}); continue
        if pred(m): return m
send({'jsonrpc':'2.0','id':1,'method':'initialize','params':{'processId':None,'rootUri':None,'capabilities':{'publishDiagnostics':{'versionSupport':True}}}})
until(lambda m: m.get('id')==1)
send({'jsonrpc':'2.0','method':'initialized','params':{}})
text = open(path).read()
uri = 'file:///tmp/x/' + os.path.basename(path)
send({'jsonrpc':'2.0','method':'textDocument/didOpen','params':{'textDocument':{'uri':uri,'languageId':lang,'version':1,'text':text}}})
until(lambda m: m.get('method')=='textDocument/publishDiagnostics')
lines = text.split('\n'); mid = len(lines)//2
for v in range(2, 22):
    send({'jsonrpc':'2.0','method':'textDocument/didChange','params':{'textDocument':{'uri':uri,'version':v},'contentChanges':[{'range':{'start':{'line':mid,'character':0},'end':{'line':mid,'character':0}},'text':'x' if v%2==0 else ''}]}})
    until(lambda m: m.get('method')=='textDocument/publishDiagnostics' and m['params'].get('version')==v)
time.sleep(float(os.environ.get("SLEEP","0.6")))
st = {l.split(':')[0]: l.split(':')[1].strip() for l in open('/proc/%d/status'%p.pid)}
print('VmHWM', st['VmHWM'], 'VmRSS', st['VmRSS'])
if len(sys.argv) > 3 and sys.argv[3]=="regions":
    cur=None
    for l in open("/proc/%d/smaps"%p.pid):
        parts=l.split()
        if len(parts)>=5 and "-" in parts[0] and ":" not in parts[0]: cur=l.strip()[:110]
        elif parts[0]=="Rss:" and int(parts[1])>0: print(f"{int(parts[1]):8d} {cur}")
elif len(sys.argv) > 3 and sys.argv[3]=="pages":
    import bisect, re, struct
    exe = os.path.realpath(cdls)
    syms = []
    for l in subprocess.run(['nm','-S','-C','--defined-only',exe],capture_output=True,text=True).stdout.splitlines():
        q = l.split(None, 3)
        if len(q) == 4 and q[2] in 'tTwWrRdDbBvV': syms.append((int(q[0],16), q[3]))
    syms.sort(); starts = [s[0] for s in syms]
    def sym(va):
        i = bisect.bisect_right(starts, va) - 1
        return syms[i][1][:90] if i >= 0 else '?'
    secs = []
    for l in subprocess.run(['readelf','-SW',exe],capture_output=True,text=True).stdout.splitlines():
        m = re.match(r'\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)', l)
        if m and int(m.group(2),16): secs.append((int(m.group(2),16), int(m.group(3),16), m.group(1)))
    resident = set()
    with open('/proc/%d/pagemap'%p.pid,'rb') as pm:
        for l in open('/proc/%d/maps'%p.pid):
            q = l.split()
            if len(q) > 5 and os.path.realpath(q[5]) == exe:
                a, b = [int(x,16) for x in q[0].split('-')]
                pm.seek(a//4096*8); data = pm.read((b-a)//4096*8)
                for i in range((b-a)//4096):
                    if struct.unpack_from('Q', data, i*8)[0] >> 63: resident.add(a + i*4096)
    print('resident KiB per section (a page shared by two sections counts for both):')
    for a, n, name in secs:
        pages = range(a//4096*4096, a+n, 4096)
        r = sum(1 for pg in pages if pg in resident)
        if n >= 4096 or r: print(f'{r*4:8d} of {n//1024:6d} KiB {name}')
    print('resident runs:')
    allpages = sorted(resident)
    lo = min(s[0] for s in secs)//4096*4096; hi = max(s[0]+s[1] for s in secs)
    run = None
    for pg in list(range(lo, hi, 4096)) + [None]:
        r = pg in resident if pg is not None else None
        if run and (pg is None or r != run[1]):
            end = pg if pg is not None else hi
            print(f"{'RES' if run[1] else '---'} {run[0]:#x} {(end-run[0])//1024:6d} KiB  {sym(run[0])}")
            run = None
        if run is None and pg is not None: run = [pg, r]
elif len(sys.argv) > 3:
    # per mapping RSS
    cur=None; agg={}
    for l in open('/proc/%d/smaps'%p.pid):
        parts=l.split()
        if len(parts)>=5 and '-' in parts[0] and ':' not in parts[0]:
            cur = parts[5] if len(parts)>5 else '[anon]'
        elif parts[0]=='Rss:':
            agg[cur]=agg.get(cur,0)+int(parts[1])
    for k,v in sorted(agg.items(), key=lambda x:-x[1])[:10]: print(f'{v:8d} KiB {k}')
send({'jsonrpc':'2.0','id':99,'method':'shutdown'})
until(lambda m: m.get('id')==99)
send({'jsonrpc':'2.0','method':'exit'})
p.stdin.close(); p.wait(timeout=60)
