// The workbench's chart: problems by level and status (oversight) or the user's measures by
// status (inspected organisations). Data from the json_script beside it; no inline script (CSP).
document.addEventListener("DOMContentLoaded", () => {
  const holder = document.getElementById("home-chart");
  const source = document.getElementById("home-chart-data");
  if (!holder || !source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  if (!data.categories.length) { holder.classList.add("d-none"); return; }
  const chart = echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    grid: { left: 90, right: 20, top: 30, bottom: 30 },
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: data.categories },
    series: data.series.map((s) => ({ name: s.name, type: "bar", stack: "all", data: s.data, itemStyle: { color: s.color } })),
  });
  window.addEventListener("resize", () => chart.resize());
});
