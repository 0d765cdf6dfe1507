// Builds the web bundle only when it is missing or older than its sources, so `npm start` stays fast.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const built = path.resolve('dist/web/index.html');
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(max, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }, 0);

const sources = Math.max(newest(path.resolve('src/web')), newest(path.resolve('src/domain')), newest(path.resolve('src/shared')));
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('正在构建前端（首次启动或前端有更新）…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
