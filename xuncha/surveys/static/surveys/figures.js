// Questionnaire figures: one horizontal bar chart per choice or scale question and, across
// organisations, the responses of each. Data from the json_script in the partial; redrawn when
// htmx swaps in fresh figures (no inline script: CSP).
(() => {
  const charts = [];
  const bars = (holder, labels, values, colour) => {
    const chart = echarts.init(holder, null, { renderer: "svg", height: Math.max(120, labels.length * 30 + 40) });
    chart.setOption({
      animation: false,
      grid: { left: 10, right: 30, top: 10, bottom: 10, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: labels, axisLabel: { width: 200, overflow: "truncate" } },
      series: [{ type: "bar", data: values, itemStyle: { color: colour }, label: { show: true, position: "right" } }],
    });
    charts.push(chart);
  };
  const draw = () => {
    const source = document.getElementById("figures-data");
    if (!source || !window.echarts) return;
    while (charts.length) charts.pop().dispose();
    const data = JSON.parse(source.textContent);
    for (const q of data.questions) {
      const holder = document.getElementById(`chart-q${q.id}`);
      if (holder) bars(holder, q.labels, q.counts, q.kind === "scale" ? "#f59f00" : "#206bc4");
    }
    const orgs = document.getElementById("chart-organisations");
    if (orgs && data.organisations.names.length) bars(orgs, data.organisations.names, data.organisations.responses, "#2fb344");
  };
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
})();
