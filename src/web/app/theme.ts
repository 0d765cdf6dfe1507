import type { ThemeConfig } from 'antd';

/** Party red as the primary colour, as users of party-building systems expect it. */
export const PARTY_RED = '#b71c1c';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PARTY_RED,
    colorLink: PARTY_RED,
    borderRadius: 6,
  },
  components: {
    Layout: { headerBg: PARTY_RED, headerPadding: '0 16px', headerHeight: 56, siderBg: '#fff' },
  },
};
