import { RightOutlined } from '@ant-design/icons';
import { Button, Card, List, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { CardStatus, WorkbenchCardView } from './api';

const STATUS_COLOR: Record<CardStatus, string> = { ok: '#389e0d', due: '#d48806', overdue: '#cf1322' };
const STATUS_LABEL: Record<CardStatus, string> = { ok: '正常', due: '待办', overdue: '逾期' };

/** One card of the 工作台, whichever module sent it: figures, what needs doing, the way into the module. */
export function WorkbenchCard({ card }: { card: WorkbenchCardView }) {
  const navigate = useNavigate();
  const data = card.data;
  return (
    <Card
      size="small"
      data-testid={`card-${card.id}`}
      title={card.title}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12, flex: 1 } }}
      style={{ display: 'flex', flexDirection: 'column', height: '100%' }}
    >
      {!data ? (
        <Typography.Text type="secondary">暂时无法加载，请稍后刷新。</Typography.Text>
      ) : (
        <>
          {data.org && (
            <Typography.Text
              type="secondary"
              ellipsis
              style={{ fontSize: 12, marginBottom: -4 }}
              title={data.org.name}
            >
              {data.org.name}
            </Typography.Text>
          )}
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 24px' }}>
            {data.figures.map((f) => (
              <div key={f.label} style={{ minWidth: 72 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {f.label}
                </Typography.Text>
                <div
                  style={{
                    fontSize: 22,
                    lineHeight: '30px',
                    fontWeight: 600,
                    color: f.status && f.status !== 'ok' ? STATUS_COLOR[f.status] : undefined,
                  }}
                >
                  {f.value}
                  {f.unit && <span style={{ fontSize: 13, fontWeight: 400, marginLeft: 2 }}>{f.unit}</span>}
                </div>
              </div>
            ))}
          </div>
          {data.items.length > 0 ? (
            <List
              size="small"
              split
              dataSource={data.items}
              style={{ marginInline: -12 }}
              renderItem={(item) => (
                <List.Item style={{ paddingInline: 12 }}>
                  <Link to={item.link} style={{ display: 'flex', gap: 8, width: '100%', color: 'inherit' }}>
                    {item.status && (
                      <span
                        role="img"
                        aria-label={STATUS_LABEL[item.status]}
                        style={{
                          flex: 'none',
                          width: 8,
                          height: 8,
                          marginTop: 7,
                          borderRadius: 4,
                          background: STATUS_COLOR[item.status],
                        }}
                      />
                    )}
                    <span style={{ minWidth: 0, flex: 1 }}>
                      <Typography.Text ellipsis style={{ display: 'block' }}>
                        {item.text}
                      </Typography.Text>
                      {item.hint && (
                        <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                          {item.hint}
                        </Typography.Text>
                      )}
                    </span>
                  </Link>
                </List.Item>
              )}
            />
          ) : (
            data.empty && <Typography.Text type="secondary">{data.empty}</Typography.Text>
          )}
          <div style={{ marginTop: 'auto' }}>
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 0 }}
              data-testid={`card-link-${card.id}`}
              onClick={() => void navigate(data.link.to)}
            >
              {data.link.label}
              <RightOutlined />
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}
