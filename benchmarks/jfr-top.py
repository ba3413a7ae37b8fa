"""Aggregates a JFR CPU profile: where the sampled threads spend their time.

    jfr print --stack-depth 64 --events jdk.ExecutionSample bench.jfr > bench.txt
    python3 benchmarks/jfr-top.py bench.txt bench-analyzer    # only threads whose name contains this

Prints buckets (the first of classifier, BrandWindows, Jackson, RocksDB, Kafka clients, Kafka Streams,
broker found in a sample's stack), the top frames by self time, and inclusive shares of the
contentmix, OpenNLP, Jackson and RocksDB frames.
"""
import sys, re, collections
f = sys.argv[1]; threadfilter = sys.argv[2] if len(sys.argv) > 2 else None
events = []; cur = None; thread = None
for line in open(f, errors='replace'):
    line = line.rstrip('\n')
    if line.startswith('jdk.ExecutionSample'):
        cur = []; thread = None; events.append([None, cur])
    elif 'sampledThread = ' in line:
        events[-1][0] = line.split('=',1)[1].strip()
    elif cur is not None and re.match(r'\s+[\w$.<>/]+\(.*\)\s+line:', line):
        fr = line.strip()
        fr = re.sub(r'\s+line:.*', '', fr)
        fr = re.sub(r'\(.*\)', '', fr)
        cur.append(fr)
n = 0
top = collections.Counter(); incl = collections.Counter(); pk = collections.Counter()
buckets = collections.Counter()
def bucket(st):
    s = ' '.join(st)
    for name, pat in [('classifier (dev.contentmix.analyzer.classify + opennlp)', r'analyzer\.classify|opennlp'),
                      ('BrandWindows (mix state)', r'BrandWindows'),
                      ('JSON (Jackson)', r'jackson'),
                      ('RocksDB', r'rocksdb'),
                      ('Kafka producer/consumer/transactions', r'org\.apache\.kafka\.clients'),
                      ('Kafka Streams other', r'org\.apache\.kafka\.streams'),
                      ('broker (kafka.* / org.apache.kafka.server/storage)', r'^kafka\.|\skafka\.|org\.apache\.kafka\.(server|storage|raft|coordinator|metadata)')]:
        if re.search(pat, s): return name
    return 'other'
for th, st in events:
    if not st: continue
    if threadfilter and (th is None or threadfilter not in th): continue
    n += 1
    top[st[0]] += 1
    for fr in set(st): incl[fr] += 1
    buckets[bucket(st)] += 1
print('samples', n)
print('\n== buckets (first match in stack order of checks)')
for k,v in buckets.most_common(): print(f'{100*v/n:5.1f}%  {k}')
print('\n== top frames (self)')
for k,v in top.most_common(30): print(f'{100*v/n:5.1f}%  {k}')
print('\n== inclusive, dev.contentmix / selected')
for k,v in incl.most_common(400):
    if 'contentmix' in k or 'opennlp' in k or 'jackson' in k.lower() or 'rocksdb' in k.lower():
        print(f'{100*v/n:5.1f}%  {k}')
