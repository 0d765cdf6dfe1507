import { CheckCircleOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useAction } from '../../components/useAction';
import { type MeetingDetail, meetingKeys, signIn } from './api';
import { AttendanceTag, shortInstant } from './display';

interface SignInState {
  attendance: 'unknown' | 'present' | 'absent';
  signedInAt: string | null;
  signInOpens: string;
  signInCloses: string;
  canSignIn: boolean;
}

/** The reader's own line for a meeting: attendance, the sign-in window and the 签到 button. */
export function SignInCard({ meeting }: { meeting: MeetingDetail }) {
  if (!meeting.mine) return null;
  return (
    <Card size="small" title="我的签到">
      <SignInLine meetingId={meeting.id} state={meeting.mine} />
    </Card>
  );
}

export function SignInLine({ meetingId, state }: { meetingId: number; state: SignInState }) {
  const mutation = useAction({
    run: () => signIn(meetingId),
    invalidate: [meetingKeys.all],
    success: '签到成功',
  });
  if (state.signedInAt)
    return (
      <Space data-testid="signed-in">
        <CheckCircleOutlined style={{ color: '#52c41a' }} />
        <span>已于 {shortInstant(state.signedInAt)} 签到</span>
      </Space>
    );
  return (
    <Space wrap>
      {state.canSignIn ? (
        <Button
          type="primary"
          loading={mutation.isPending}
          onClick={() => mutation.mutate()}
          data-testid="sign-in"
        >
          签到
        </Button>
      ) : (
        <AttendanceTag attendance={state.attendance} />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        签到时间：{shortInstant(state.signInOpens)} 至 {shortInstant(state.signInCloses)}
      </Typography.Text>
    </Space>
  );
}
