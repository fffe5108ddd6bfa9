import Foundation

/// The explorer's one page: self-contained (inline CSS and script, no network request but to this server),
/// Chinese by default with English switchable. It reads the controls from `/api/controls`, re-solves on change
/// (debounced), and shows the report's dashboard fragment (`/api/runs/ID/dashboard`) and the run history.
enum ExplorerPage {
    /// The page, with the report's stylesheet and Sankey script (run again after each dashboard is inserted).
    static func html(css: String, script: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>贵州省铝产业链规划 · 情景推演</title><link rel="icon" href="data:,">
        <style>\(css)
        body{max-width:1500px}
        .layout{display:grid;grid-template-columns:380px 1fr;gap:22px;align-items:start}
        #panel{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto;border-right:1px solid var(--line);padding-right:12px}
        #panel h3{margin:14px 0 4px;font-size:14px;color:var(--accent)}
        .ctl{margin:6px 0 10px}.ctl label{display:block;font-size:12.5px}.ctl .row{display:flex;gap:6px;align-items:center}
        .ctl input[type=range]{flex:1}.ctl input[type=number]{width:96px;font:inherit;padding:1px 4px}.ctl .unit{font-size:12px;color:var(--muted);white-space:nowrap}
        .ctl .range{font-size:11px;color:var(--muted)}.ctl.changed label{font-weight:700;color:var(--accent)}
        .topbar{display:flex;gap:12px;align-items:center;flex-wrap:wrap}
        #state{padding:3px 10px;border-radius:12px;background:#eef2f7;font-size:13px}#state.busy{background:#fff4d6}#state.bad{background:#fde2df;color:var(--bad)}
        #message{color:var(--bad);font-weight:600;white-space:pre-wrap}#message:empty{display:none}
        #conflict{border:2px solid var(--bad);border-radius:6px;padding:8px 14px;margin:10px 0;background:#fff8f7}#conflict[hidden]{display:none}
        #conflict li{margin:4px 0}#conflict h2{margin-top:4px}#comparing{font-weight:600;color:var(--accent)}#comparing:empty{display:none}
        #history td,#history th{font-size:12px}#history tr.current{background:#eef6ff}
        button{font:inherit;padding:3px 10px;cursor:pointer}
        </style></head><body>
        <header class="topbar"><h1 id="title"></h1>
        <button id="lang" type="button"></button>
        <span id="state"></span></header>
        <p class="lead" id="lead"></p>
        <div class="layout">
        <aside id="panel">
          <div class="ctl"><label for="scenario" id="scenario-label"></label><select id="scenario"></select></div>
          <button id="reset" type="button"></button>
          <div id="controls"></div>
        </aside>
        <main>
          <div id="message"></div>
          <div id="conflict" hidden><h2 id="conflict-title"></h2><p id="conflict-lead" class="lead"></p><ul id="conflict-list"></ul></div>
          <div id="answer" class="kpis"></div>
          <div id="downloads" class="small"></div>
          <p id="comparing"></p>
          <div id="dashboard"></div>
          <section id="history-section"><h2 id="history-title"></h2><p class="lead" id="history-lead"></p>
            <button id="compare" type="button"></button>
            <table id="history"><thead></thead><tbody></tbody></table></section>
        </main></div>
        <script>
        \(pageScript)
        function initSankey(){\(script)}
        </script>
        </body></html>
        """
    }

    /// The page's own script: controls, debounced solves, answers, conflicts, history and comparison.
    static let pageScript = #"""
    const T={
     zh:{title:'贵州省铝产业链规划 · 情景推演',lead:'移动左侧的目标、价格和项目控件，规划会重新求解（基准方案不到 1 秒，情景约 1 秒到 1 分钟）；下方先列出相对基准方案的变化（决策在前），再是决策、目标和物料流（桑基图）。',lang:'English',scenario:'情景',base:'基准方案',reset:'恢复基准',
      groups:{target:'目标（目标值与起始年）',exit:'400kA以下电解槽退出',price:'碳价',power:'电价',index:'产能指标',decision:'强制或禁止建设（电解系列与项目）',project:'项目（系列数，0 = 不建；最早投产年）'},units:{year:'年',units:'个'},free:'由模型决定',forbid:'禁止建设',force:'{y}年建成',comparing:'比较：运行 A {a} 相对运行 B {b}',
      range:'范围',ready:'就绪',solving:'求解中…',optimal:'最优',infeasible:'不可行',time_limit:'达到时间上限',error:'请求被拒绝',
      conflictTitle:'方案不可行：以下约束不能同时满足',conflictLead:'这是 explain 给出的最小冲突集（不可约不可行子集）；放宽其中任一项即可恢复可行。',
      objective:'目标函数（百万元，折现）',delta:'相对基准',targetsMet:'达标目标',run:'运行',report:'决策报告',workbook:'工作簿',csv:'CSV',
      historyTitle:'运行记录',historyLead:'本页发起的所有运行（服务重启后仍保留）；选择 A 和 B 两个运行后点击“比较”，显示 A 相对 B 的变化。',compare:'比较 A 与 B',
      cols:['A','B','运行','时间','情景','改动','状态','目标函数'],noPlan:'不可行的运行没有方案可显示。',seconds:'秒'},
     en:{title:'Guizhou aluminium chain · what-if explorer',lead:'Move a target, price or project on the left and the plan is solved again (under a second for the base plan, about a second to a minute for a what-if); below, what changed against the base plan comes first (decisions first), then the decisions, targets and material flows (Sankey).',lang:'中文',scenario:'Scenario',base:'base plan',reset:'Back to base',
      groups:{target:'Targets (value and first year)',exit:'Exit of cells below 400 kA',price:'Carbon price',power:'Power prices',index:'Capacity indices',decision:'Force or forbid a build (potlines and projects)',project:'Projects (units, 0 = forbidden; earliest year)'},units:{year:'year',units:'units'},free:'the model decides',forbid:'forbidden',force:'built in {y}',comparing:'Comparing run A {a} against run B {b}',
      range:'range',ready:'ready',solving:'solving…',optimal:'optimal',infeasible:'infeasible',time_limit:'time limit',error:'request refused',
      conflictTitle:'Infeasible: these cannot hold together',conflictLead:'The minimal conflict set from explain (an irreducible infeasible subset); relaxing any one of them restores feasibility.',
      objective:'Objective (million yuan, discounted)',delta:'against base',targetsMet:'Targets met',run:'Run',report:'decision report',workbook:'workbook',csv:'CSV',
      historyTitle:'Runs',historyLead:'Every run made from this page (kept across server restarts); pick A and B and press Compare to see A against B.',compare:'Compare A with B',
      cols:['A','B','Run','Time','Scenario','Changes','Status','Objective'],noPlan:'An infeasible run has no plan to show.',seconds:'s'}};
    let lang='zh',controls=[],scenarios=[],baseRun=null,baseObjective=null,current=null,timer=null,inflight=null,last=null;
    const $=id=>document.getElementById(id);
    function t(k){return T[lang][k]}
    function esc(s){return String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]))}
    function fmt(x,unit){return x==null?'—':unit==='year'?String(x):Number(x).toLocaleString(lang==='zh'?'zh-CN':'en-GB',{maximumFractionDigits:2})}
    function unit(u){return T[lang].units[u]||u}
    function setState(k,cls){const s=$('state');s.textContent=t(k)||k;s.className=cls||''}
    function step(c){if(c.integer)return 1;const span=c.max-c.min;return span>=1000?Math.pow(10,Math.floor(Math.log10(span))-2):(span>=10?0.5:0.01)}
    function renderStatic(){
      document.documentElement.lang=lang==='zh'?'zh-CN':'en';document.title=t('title');
      $('title').textContent=t('title');$('lead').textContent=t('lead');$('lang').textContent=t('lang');$('reset').textContent=t('reset');
      $('scenario-label').textContent=t('scenario');$('conflict-title').textContent=t('conflictTitle');$('conflict-lead').textContent=t('conflictLead');
      $('history-title').textContent=t('historyTitle');$('history-lead').textContent=t('historyLead');$('compare').textContent=t('compare');
      const sel=$('scenario'),v=sel.value||'base';sel.innerHTML='<option value="base">'+esc(t('base'))+'</option>'+scenarios.map(s=>'<option value="'+esc(s.name)+'" title="'+esc(s.description)+'">'+esc(s.name)+'</option>').join('');sel.value=v;
      const box=$('controls'),values={};box.querySelectorAll('input[type=number],select').forEach(i=>values[i.dataset.key]=i.value);
      let h='',group=null;
      for(const c of controls){
        if(c.group!==group){group=c.group;h+='<h3>'+esc(T[lang].groups[group]||group)+'</h3>'}
        const v=values[c.key]!==undefined?values[c.key]:c.value,id='c-'+controls.indexOf(c);
        if(c.choices){h+=decisionControl(c,values[c.key]!==undefined?values[c.key]:dataChoice(c),id);continue}
        h+='<div class="ctl'+(Number(v)!==c.value?' changed':'')+'" data-key="'+esc(c.key)+'"><label for="'+id+'" title="'+esc(c.key)+'">'+esc(lang==='zh'?c.label_zh:c.label_en)+'</label><div class="row">'
          +'<input type="range" min="'+c.min+'" max="'+c.max+'" step="'+step(c)+'" value="'+v+'" data-key="'+esc(c.key)+'" aria-label="'+esc(c.key)+'">'
          +'<input type="number" id="'+id+'" min="'+c.min+'" max="'+c.max+'" step="'+step(c)+'" value="'+v+'" data-key="'+esc(c.key)+'">'
          +'<span class="unit">'+esc(unit(c.unit))+'</span></div><div class="range" title="'+esc(c.basis)+'">'+esc(t('range'))+' '+fmt(c.min,c.unit)+'–'+fmt(c.max,c.unit)+' '+esc(unit(c.unit))+'</div></div>'}
      box.innerHTML=h;
      box.querySelectorAll('select').forEach(i=>i.addEventListener('change',e=>{e.target.closest('.ctl').classList.toggle('changed',e.target.value!==dataChoice(controls.find(c=>c.key===e.target.dataset.key)));schedule()}));
      box.querySelectorAll('input').forEach(i=>i.addEventListener('input',e=>{const k=e.target.dataset.key;box.querySelectorAll('input[data-key="'+CSS.escape(k)+'"]').forEach(o=>{if(o!==e.target)o.value=e.target.value});
        const c=controls.find(c=>c.key===k);e.target.closest('.ctl').classList.toggle('changed',Number(e.target.value)!==c.value);schedule()}));
    }
    // A build decision: the model decides (''), forbidden ('forbid'), or built in one of the allowed years; the data's
    // planned year is the default. Forcing sets planned_year; forbidding sets forbidden (and lifts a planned year).
    function dataChoice(c){return c.value?String(c.value):''}
    function decisionControl(c,v,id){
      const opts=[['',t('free')],['forbid',t('forbid')]].concat(c.choices.map(y=>[String(y),t('force').replace('{y}',y)]));
      return '<div class="ctl'+(v!==dataChoice(c)?' changed':'')+'" data-key="'+esc(c.key)+'"><label for="'+id+'" title="'+esc(c.key)+'">'+esc(lang==='zh'?c.label_zh:c.label_en)+'</label><div class="row">'
        +'<select id="'+id+'" data-key="'+esc(c.key)+'" data-forbid="'+esc(c.forbid_key)+'">'+opts.map(([k,l])=>'<option value="'+k+'"'+(k===v?' selected':'')+'>'+esc(l)+'</option>').join('')+'</select>'
        +'<span class="unit">'+esc(unit(c.unit))+'</span></div><div class="range" title="'+esc(c.basis)+'">'+esc(t('range'))+' '+fmt(c.min,c.unit)+'–'+fmt(c.max,c.unit)+' '+esc(unit(c.unit))+'</div></div>'}
    function schedule(){clearTimeout(timer);timer=setTimeout(solve,450)}
    function request(){const set={};$('controls').querySelectorAll('input[type=number]').forEach(i=>{const c=controls.find(c=>c.key===i.dataset.key);const v=Number(i.value);if(i.value!==''&&v!==c.value)set[c.key]=v});
      $('controls').querySelectorAll('select').forEach(s=>{const c=controls.find(c=>c.key===s.dataset.key);if(s.value===dataChoice(c))return;
        if(s.value==='forbid'){set[s.dataset.forbid]='yes';if(c.value)set[c.key]=''}else set[c.key]=s.value===''?'':Number(s.value)});
      const body={set};if($('scenario').value!=='base')body.scenario=$('scenario').value;return body}
    async function solve(){
      if(inflight)inflight.abort();inflight=new AbortController();setState('solving','busy');$('message').textContent='';
      const started=performance.now();
      try{const r=await fetch('/api/solve',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify(request()),signal:inflight.signal});
        const a=await r.json();
        if(!r.ok){setState('error','bad');$('message').textContent=a.error;return}
        await show(a,(performance.now()-started)/1000);loadHistory()}
      catch(e){if(e.name!=='AbortError'){setState('error','bad');$('message').textContent=String(e)}}}
    async function show(a,seconds){
      last=a;current=a.run;$('comparing').textContent='';
      setState(a.status,a.status==='optimal'?'':'bad');
      if(seconds!=null)$('state').textContent+=' · '+seconds.toFixed(2)+' '+t('seconds');
      const met=(a.compliance||[]).filter(c=>c.met).length,all=(a.compliance||[]).length;
      let h='<div class="kpi"><b id="objective">'+fmt(a.objective)+'</b><span>'+esc(t('objective'))+'</span></div>';
      if(a.objective!=null&&baseObjective!=null)h+='<div class="kpi"><b id="objective-delta">'+(a.objective-baseObjective>=0?'+':'')+fmt(a.objective-baseObjective)+'</b><span>'+esc(t('delta'))+'</span></div>';
      if(all)h+='<div class="kpi"><b>'+met+' / '+all+'</b><span>'+esc(t('targetsMet'))+'</span></div>';
      h+='<div class="kpi"><b id="run-id">'+esc(a.run)+'</b><span>'+esc(t('run'))+'</span></div>';
      $('answer').innerHTML=h;
      const f=a.files||{};$('downloads').innerHTML=f['report.html']?'<a href="'+f['report.html']+'">'+esc(t('report'))+'</a> · <a href="'+f['plan.xlsx']+'">'+esc(t('workbook'))+'</a> · '+esc(t('csv'))+': '+Object.keys(f).filter(n=>n.endsWith('.csv')).map(n=>'<a href="'+f[n]+'">'+esc(n)+'</a>').join(' '):'';
      const cf=$('conflict');
      if(a.status==='infeasible'){cf.hidden=false;$('conflict-list').innerHTML=(a.conflict||[]).map(c=>'<li data-kind="'+esc(c.kind)+'" data-target="'+esc(c.target)+'">'+esc(c[lang])+'</li>').join('');$('dashboard').innerHTML='<p class="small">'+esc(t('noPlan'))+'</p>'}
      else{cf.hidden=true;await loadDashboard(a.run,null)}}
    async function loadDashboard(id,base){
      const r=await fetch('/api/runs/'+id+'/dashboard?lang='+lang+(base?'&base='+base:''));
      $('dashboard').innerHTML=r.ok?await r.text():'<p class="small">'+esc((await r.json()).error)+'</p>';initSankey()}
    async function loadHistory(){
      const r=await (await fetch('/api/runs')).json();
      const head='<tr>'+t('cols').map(c=>'<th>'+esc(c)+'</th>').join('')+'</tr>';
      $('history').querySelector('thead').innerHTML=head;
      $('history').querySelector('tbody').innerHTML=r.runs.map(e=>'<tr data-run="'+esc(e.id)+'"'+(e.id===current?' class="current"':'')+'><td><input type="radio" name="a" value="'+esc(e.id)+'"'+(e.id===current?' checked':'')+'></td><td><input type="radio" name="b" value="'+esc(e.id)+'"'+(e.id===baseRun?' checked':'')+'></td>'
        +'<td><a href="#" data-show="'+esc(e.id)+'">'+esc(e.id)+'</a>'+(e.id===baseRun?' ('+esc(t('base'))+')':'')+'</td><td>'+esc(e.created.replace('T',' ').replace('Z',''))+'</td><td>'+esc(e.scenario||t('base'))+'</td><td><code>'+esc(Object.entries(e.set).map(([k,v])=>k+'='+v).join(', '))+'</code></td><td>'+esc(t(e.status)||e.status)+'</td><td class="n">'+fmt(e.objective)+'</td></tr>').join('');
      $('history').querySelectorAll('a[data-show]').forEach(a=>a.addEventListener('click',async ev=>{ev.preventDefault();const x=await (await fetch('/api/runs/'+a.dataset.show)).json();await show(x,null);loadHistory()}))}
    async function compare(){const a=document.querySelector('input[name=a]:checked'),b=document.querySelector('input[name=b]:checked');if(!a||!b)return;
      const x=await (await fetch('/api/runs/'+a.value)).json();await show(x,null);if(x.status!=='infeasible'){await loadDashboard(a.value,b.value);$('comparing').textContent=t('comparing').replace('{a}',a.value).replace('{b}',b.value)}}
    async function init(){
      const c=await (await fetch('/api/controls')).json();controls=c.controls;scenarios=c.scenarios;baseRun=c.base_run;
      renderStatic();
      const b=await (await fetch('/api/runs/'+baseRun)).json();baseObjective=b.objective;await show(b,null);loadHistory()}
    $('lang').addEventListener('click',async()=>{lang=lang==='zh'?'en':'zh';renderStatic();if(last)await show(last,null);loadHistory()});
    $('scenario').addEventListener('change',schedule);
    $('reset').addEventListener('click',()=>{$('scenario').value='base';$('controls').innerHTML='';renderStatic();schedule()});
    $('compare').addEventListener('click',compare);
    init();
    """#
}
