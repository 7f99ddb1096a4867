import re
def edit(p, pairs, imp="import { guarded, optionsObject } from './input-guard.js';\n"):
    s=open(p).read()
    for a,b in pairs:
        assert a in s, (p,a)
        s=s.replace(a,b)
    # add import after last import line
    lines=s.split('\n')
    last=max(i for i,l in enumerate(lines) if l.startswith('import '))
    lines.insert(last+1, imp.rstrip('\n'))
    open(p,'w').write('\n'.join(lines))
edit('src/functions/delete-item.ts', [("  return sendDelete(writableModel(entity), key, options as DeleteOptions<unknown>) as Promise<z.output<S> | undefined>;",
  "  return guarded('deleteItem', () => sendDelete(writableModel(entity), key, optionsObject('deleteItem', options) as DeleteOptions<unknown>)) as Promise<z.output<S> | undefined>;")])
edit('src/functions/expiry.ts', [("  return (await setExpiry(writableModel(entity), key, expiresAt, options)) as z.output<S>;","  return (await guarded('extendExpiry', () => setExpiry(writableModel(entity), key, expiresAt, optionsObject('extendExpiry', options)))) as z.output<S>;"),
  ("  return (await setExpiry(writableModel(entity), key, null, options)) as z.output<S>;","  return (await guarded('removeExpiry', () => setExpiry(writableModel(entity), key, null, optionsObject('removeExpiry', options)))) as z.output<S>;")])
edit('src/functions/get-item.ts', [("  return sendGet(entity.model, key, options);","  return guarded('getItem', () => sendGet(entity.model, key, optionsObject('getItem', options)));")])
edit('src/functions/operations.ts', [
 ("  return putOperation(writableModel(entity), item, options) as WriteOperation<z.output<S>>;","  return guarded('putOp', () => putOperation(writableModel(entity), item, optionsObject('putOp', options))) as WriteOperation<z.output<S>>;"),
 ("  return deleteOperation(writableModel(entity), key, options as DeleteOpOptions<unknown>) as WriteOperation<z.output<S>>;","  return guarded('deleteOp', () => deleteOperation(writableModel(entity), key, optionsObject('deleteOp', options) as DeleteOpOptions<unknown>)) as WriteOperation<z.output<S>>;"),
 ("  return updateOperation(writableModel(entity), key, changes as UpdateInput<unknown>, options as UpdateOpOptions<unknown>) as WriteOperation<z.output<S>>;","  return guarded('updateOp', () =>\n    updateOperation(writableModel(entity), key, changes as UpdateInput<unknown>, optionsObject('updateOp', options) as UpdateOpOptions<unknown>),\n  ) as WriteOperation<z.output<S>>;"),
 ("  return conditionOperation(entity.model, key, condition);","  return guarded('conditionOp', () => conditionOperation(entity.model, key, condition));"),
 ("  return getOperation(entity.model, key);","  return guarded('getOp', () => getOperation(entity.model, key));")])
edit('src/functions/put-item.ts', [
 ("  const result = await sendPut(writableModel(entity), item, options);\n  return options?.returnValues === 'ALL_OLD' ? result : result.item;","  const opts = optionsObject('putItem', options);\n  const result = await guarded('putItem', () => sendPut(writableModel(entity), item, opts));\n  return opts?.returnValues === 'ALL_OLD' ? result : result.item;"),
 ("  return (await sendPut(model, item, options as PutOptions<unknown>, itemNotExists(model.primary.partitionKeyAttribute), true)).item as z.output<S>;","  const opts = optionsObject('createItem', options) as PutOptions<unknown> | undefined;\n  return (await guarded('createItem', () => sendPut(model, item, opts, itemNotExists(model.primary.partitionKeyAttribute), true))).item as z.output<S>;")])
edit('src/functions/query.ts', [
 ("  return queryPage(entity.model, index, key, options);","  return guarded('query', () => queryPage(entity.model, index, key, optionsObject('query', options)));"),
 ("  return sendQueryPages(entity.model, index, key, options as QueryOptions<unknown>) as AsyncGenerator<Page<z.output<S>>>;","  const opts = optionsObject('queryPages', options) as QueryOptions<unknown> | undefined;\n  // Built at the call (bad input throws here), iterated under the guard.\n  const pages = guarded('queryPages', () => sendQueryPages(entity.model, index, key, opts));\n  return guardedPages('queryPages', () => pages) as AsyncGenerator<Page<z.output<S>>>;"),
 ("  return countQuery(entity.model, index, key, options as QueryOptions<unknown>);","  return guarded('count', () => countQuery(entity.model, index, key, optionsObject('count', options) as QueryOptions<unknown>));")],
 "import { guarded, guardedPages, optionsObject } from './input-guard.js';\n")
edit('src/functions/scan.ts', [
 ("  return scanPage(reader(entity), options);","  return guarded('scan', () => scanPage(reader(entity), optionsObject('scan', options)));"),
 ("  return sendScanPages(reader(entity), options as ScanOptions<unknown>) as AsyncGenerator<Page<z.output<S>>>;","  const opts = optionsObject('scanPages', options) as ScanOptions<unknown> | undefined;\n  const pages = guarded('scanPages', () => sendScanPages(reader(entity), opts));\n  return guardedPages('scanPages', () => pages) as AsyncGenerator<Page<z.output<S>>>;")],
 "import { guarded, guardedPages, optionsObject } from './input-guard.js';\n")
edit('src/functions/update-item.ts', [("  return sendUpdate(writableModel(entity), key, changes, options);","  return guarded('updateItem', () => sendUpdate(writableModel(entity), key, changes, optionsObject('updateItem', options)));")])
