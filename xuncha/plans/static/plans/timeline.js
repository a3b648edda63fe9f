// Plan timeline: rounds, batches and inspections as horizontal bars (ECharts, no inline script).
document.addEventListener("DOMContentLoaded", () => {
  const holder = document.getElementById("timeline-chart");
  const source = document.getElementById("timeline-data");
  if (!holder || !source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  // ECharts renders a tooltip formatter's string as HTML: titles are people's text, so escape them.
  const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = data.rows;
  if (!rows.length) { holder.classList.add("d-none"); return; }
  holder.classList.add("h-" + Math.min(12, Math.max(3, Math.ceil(rows.length / 2))));
  const day = 86400000;
  const start = Math.min(...rows.map((r) => Date.parse(r.start)));
  const colours = { round: "#206bc4", batch: "#4299e1", inspection: "#2fb344" };
  const chart = echarts.init(holder, null, { renderer: "svg", height: Math.max(160, rows.length * 26 + 60) });
  chart.setOption({
    animation: false,
    grid: { left: 220, right: 20, top: 10, bottom: 30 },
    tooltip: {
      formatter: (p) => {
        const row = rows[p.dataIndex];
        return `${escapeHtml(row.label)}<br>${escapeHtml(row.start)} — ${escapeHtml(row.end)}`;
      },
    },
    xAxis: { type: "value", min: 0, axisLabel: { formatter: (v) => new Date(start + v * day).toISOString().slice(0, 7) } },
    yAxis: { type: "category", inverse: true, data: rows.map((r) => r.label), axisLabel: { width: 210, overflow: "truncate" } },
    series: [
      { type: "bar", stack: "t", itemStyle: { color: "transparent" }, data: rows.map((r) => (Date.parse(r.start) - start) / day) },
      { type: "bar", stack: "t", data: rows.map((r) => ({
          value: Math.max(1, (Date.parse(r.end) - Date.parse(r.start)) / day + 1),
          itemStyle: { color: colours[r.kind] } })) },
    ],
  });
});
