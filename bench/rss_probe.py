# RSS of a cdls server after a document is opened and edited: opens FILE, types 20 edits in its
# middle, waits 0.6 s (SLEEP) for the idle trim, prints VmHWM/VmRSS, and with `smaps` the RSS per
# mapping (`regions`: every mapping). Usage: python3 bench/rss_probe.py CDLS FILE [smaps|regions]
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
