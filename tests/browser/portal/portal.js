// The module API, as a portal would use it.
import { check } from '/nianbao/nianbao.js';

document.querySelector('#run').addEventListener('click', async () => {
  const res = await fetch('/nianbao/sample.txt');
  const result = await check(await res.text());
  const s = result.summary;
  document.querySelector('#out').textContent = `${result.report?.agency ?? ''}：${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 个提示`;
});
