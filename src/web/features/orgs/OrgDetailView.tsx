import {
  DeleteOutlined,
  EditOutlined,
  NodeIndexOutlined,
  PlusOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Descriptions, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ALLOWED_CHILDREN, TERM_YEARS } from '../../../domain/org-rules';
import { QueryPlaceholder } from '../../components/QueryError';
import { type OrgDetail, orgQueries } from './api';
import { DissolveOrgModal } from './DissolveOrgModal';
import { MoveOrgModal } from './MoveOrgModal';
import { OrgFormModal } from './OrgFormModal';
import { PostsCard } from './PostsCard';

const MemberMixChart = lazy(() => import('./MemberMixChart'));

type Dialog = 'create' | 'edit' | 'move' | 'dissolve' | null;

export function OrgDetailView({ id, onNavigate }: { id: number; onNavigate: (id: number) => void }) {
  const detail = useQuery(orgQueries.detail(id));
  const [dialog, setDialog] = useState<Dialog>(null);
  const navigate = useNavigate();

  if (!detail.isSuccess) return <QueryPlaceholder query={detail} />;
  const org = detail.data;
  const active = !org.dissolvedOn;
  const canAddChild = active && org.canEdit && ALLOWED_CHILDREN[org.type].length > 0;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="org-detail">
      <Card
        title={
          <Space wrap>
            <span>{org.name}</span>
            <Tag color="red">{org.type}</Tag>
            {!active && <Tag>已撤销</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<TeamOutlined />} onClick={() => navigate(`/roster?org=${org.id}`)}>
              花名册
            </Button>
            {canAddChild && (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('create')}>
                新建下级组织
              </Button>
            )}
            {active && org.canEdit && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                编辑
              </Button>
            )}
            {active && org.canRestructure && (
              <>
                <Button icon={<NodeIndexOutlined />} onClick={() => setDialog('move')}>
                  调整隶属
                </Button>
                <Button danger icon={<DeleteOutlined />} onClick={() => setDialog('dissolve')}>
                  撤销
                </Button>
              </>
            )}
          </Space>
        }
      >
        {org.ancestors.length > 0 && (
          <Breadcrumb
            style={{ marginBottom: 12 }}
            items={[
              ...org.ancestors.map((a) => ({
                key: a.id,
                title: <Typography.Link onClick={() => onNavigate(a.id)}>{a.name}</Typography.Link>,
              })),
              { key: org.id, title: org.shortName ?? org.name },
            ]}
          />
        )}
        {!active && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`本组织已于 ${org.dissolvedOn} 撤销`}
            description={org.dissolveReason ? `原因：${org.dissolveReason}` : undefined}
          />
        )}
        <Warnings org={org} />
        <Flex gap={24} wrap="wrap" align="flex-start">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, xl: 3 }}
            style={{ flex: '1 1 480px' }}
            items={[
              { key: 'type', label: '组织类型', children: org.type },
              { key: 'short', label: '简称', children: org.shortName ?? '—' },
              { key: 'unit', label: '所在单位', children: org.unitName ?? '—' },
              { key: 'est', label: '成立日期', children: org.establishedOn ?? '—' },
              ...(TERM_YEARS[org.type] !== null
                ? [
                    { key: 'termStart', label: '本届任期开始', children: org.termStart ?? '未填写' },
                    {
                      key: 'termEnd',
                      label: '任期届满',
                      children: org.termEnd
                        ? `${org.termEnd}${org.termExtensionMonths ? `（含延期 ${org.termExtensionMonths} 个月）` : ''}`
                        : '—',
                    },
                  ]
                : []),
              { key: 'full', label: '正式党员', children: `${org.fullMembers} 人` },
              { key: 'all', label: '党员总数', children: `${org.allMembers} 人（含预备党员）` },
              { key: 'committee', label: '委员会人数', children: `${org.committeeSize} 人` },
            ]}
          />
          {org.allMembers > 0 && (
            <div style={{ width: 220 }}>
              <Suspense fallback={<Skeleton.Node active style={{ width: 220, height: 180 }} />}>
                <MemberMixChart full={org.fullMembers} probationary={org.allMembers - org.fullMembers} />
              </Suspense>
            </div>
          )}
        </Flex>
      </Card>
      <PostsCard org={org} />

      {dialog === 'create' && (
        <OrgFormModal
          mode="create"
          parent={org}
          onClose={(createdId) => {
            setDialog(null);
            if (createdId) onNavigate(createdId);
          }}
        />
      )}
      {dialog === 'edit' && <OrgFormModal mode="edit" org={org} onClose={() => setDialog(null)} />}
      {dialog === 'move' && <MoveOrgModal org={org} onClose={() => setDialog(null)} />}
      {dialog === 'dissolve' && (
        <DissolveOrgModal
          org={org}
          onClose={(dissolved) => {
            setDialog(null);
            if (dissolved && org.parentId) onNavigate(org.parentId);
          }}
        />
      )}
    </Space>
  );
}

/** 换届 and size warnings, each with the regulation it rests on. */
function Warnings({ org }: { org: OrgDetail }) {
  if (org.warnings.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="org-warnings">
      {org.warnings.map((w) => (
        <Alert
          key={w.code}
          type={w.code === 'TERM_EXPIRED' ? 'error' : 'warning'}
          showIcon
          title={w.message}
          description={<Typography.Text type="secondary">依据：{w.rule}</Typography.Text>}
        />
      ))}
    </Space>
  );
}
