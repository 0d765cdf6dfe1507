import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, List, Space, Spin, Typography } from 'antd';
import { monthLabel } from '../../../domain/dues';
import { QueryError } from '../../components/QueryError';
import { duesQueries } from './api';
import { StateTag, yuan } from './display';

/** A member's own dues, phone first: this month and how it was computed, what is owed, the history. */
export function MyDuesPage() {
  const mine = useQuery(duesQueries.mine());
  if (mine.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (mine.isError) return <QueryError error={mine.error} retry={() => void mine.refetch()} />;
  const d = mine.data;
  const c = d.current;
  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: '100%', maxWidth: 720 }}
      data-testid="my-dues"
    >
      <Card size="small" title={`我的党费 · ${monthLabel(d.currentMonth)}`}>
        {c ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space align="baseline" wrap>
              <Typography.Text>本月应交</Typography.Text>
              <Typography.Title level={2} style={{ margin: 0 }} data-testid="my-due">
                {yuan(c.payableFen)}
              </Typography.Title>
              <Typography.Text>元</Typography.Text>
              <StateTag state={c.state} />
            </Space>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="计算过程">{c.working}</Descriptions.Item>
              <Descriptions.Item label="党费类别">
                {c.category}（{c.memberStatus}）
              </Descriptions.Item>
              {c.adjustmentFen !== 0 && (
                <Descriptions.Item label="调整">{yuan(c.adjustmentFen)} 元</Descriptions.Item>
              )}
              <Descriptions.Item label="已交">
                {yuan(c.paidFen)} 元{c.paidOn ? `（${c.paidOn}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="依据">{d.regulation}</Descriptions.Item>
            </Descriptions>
          </Space>
        ) : (
          <Typography.Text type="secondary">支部尚未生成本月党费台账。</Typography.Text>
        )}
      </Card>
      {d.owedFen > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={`尚未交清 ${yuan(d.owedFen)} 元`}
          description={`涉及：${d.owedMonths.map(monthLabel).join('、')}。请向支部交纳；补交超过 6 个月须经支部研究。`}
        />
      ) : (
        <Alert type="success" showIcon title="党费均已交清" />
      )}
      <Card size="small" title="交纳记录（按月）">
        <List
          dataSource={d.history}
          locale={{ emptyText: '暂无记录' }}
          renderItem={(r) => (
            <List.Item extra={<StateTag state={r.state} />}>
              <List.Item.Meta
                title={`${monthLabel(r.month)} · 应交 ${yuan(r.payableFen)} 元 · 已交 ${yuan(r.paidFen)} 元`}
                description={r.working}
              />
            </List.Item>
          )}
        />
      </Card>
      {d.payments.length > 0 && (
        <Card size="small" title="缴费明细">
          <List
            dataSource={d.payments}
            renderItem={(p) => (
              <List.Item>
                <Typography.Text delete={p.revoked}>
                  {p.paidOn} 交纳 {yuan(p.duesFen)} 元
                  {p.lines.length
                    ? `（${p.lines.map((l) => `${monthLabel(l.month)}${l.kind === '按月交纳' ? '' : l.kind}`).join('、')}）`
                    : ''}
                  {p.voluntaryFen ? `，自愿多交 ${yuan(p.voluntaryFen)} 元` : ''}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
