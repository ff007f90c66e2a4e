import { useCallback, useEffect, useRef, useState } from 'react'
import { accounts, type TreeNode } from '../services/accounts'
import type { ClientError } from '../services/call'
import { indexTree, type TreeIndex } from './territory'

type TreeLoad = { status: 'waiting' } | { status: 'error'; error: ClientError } | { status: 'ready'; nodes: TreeNode[]; index: TreeIndex }

export interface TerritoryTree {
  nodes: TreeNode[] | null
  index: TreeIndex | null
  /** Asked for and not yet here. */
  loading: boolean
  error: ClientError | null
  retry: () => void
}

/**
 * The territory tree (街道 › 社区 › 网格 › 微网格 › 楼栋, 党群服务站), loaded the first time it is
 * `needed` and kept for the page's life.
 */
export function useTerritoryTree(needed = true): TerritoryTree {
  const [load, setLoad] = useState<TreeLoad>({ status: 'waiting' })
  const asked = useRef(false)

  const fetchTree = useCallback(async () => {
    asked.current = true
    const answer = await accounts.tree()
    setLoad(answer.ok ? { status: 'ready', nodes: answer.data.nodes, index: indexTree(answer.data.nodes) } : { status: 'error', error: answer.error })
  }, [])

  useEffect(() => {
    if (needed && !asked.current) void fetchTree()
  }, [needed, fetchTree])

  return {
    nodes: load.status === 'ready' ? load.nodes : null,
    index: load.status === 'ready' ? load.index : null,
    loading: needed && load.status === 'waiting',
    error: load.status === 'error' ? load.error : null,
    retry: () => {
      setLoad({ status: 'waiting' })
      void fetchTree()
    },
  }
}
