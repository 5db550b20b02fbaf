// Names for generated people and courses, from several languages (Traditional Chinese among
// them), each with the ASCII spelling its email address is made from.

export interface Name {
  text: string;
  ascii: string;
}

const pairs = (list: [string, string][]): Name[] => list.map(([text, ascii]) => ({ text, ascii }));

export const GIVEN_NAMES: Name[] = pairs([
  ['Olivia', 'olivia'], ['Liam', 'liam'], ['Amelia', 'amelia'], ['Noah', 'noah'], ['Charlotte', 'charlotte'],
  ['Jack', 'jack'], ['Isla', 'isla'], ['William', 'william'], ['Mia', 'mia'], ['Oliver', 'oliver'],
  ['Grace', 'grace'], ['Thomas', 'thomas'], ['Chloe', 'chloe'], ['James', 'james'], ['Ruby', 'ruby'],
  ['怡君', 'yijun'], ['志明', 'zhiming'], ['雅婷', 'yating'], ['家豪', 'jiahao'], ['淑芬', 'shufen'],
  ['俊傑', 'junjie'], ['美玲', 'meiling'], ['建宏', 'jianhong'], ['佳穎', 'jiaying'], ['冠宇', 'guanyu'],
  ['Sofía', 'sofia'], ['Mateo', 'mateo'], ['Valentina', 'valentina'], ['Santiago', 'santiago'], ['Lucía', 'lucia'],
  ['Diego', 'diego'], ['Camila', 'camila'], ['Javier', 'javier'],
  ['Hana', 'hana'], ['Haruto', 'haruto'], ['Yui', 'yui'], ['Sota', 'sota'],
  ['Minh', 'minh'], ['Linh', 'linh'], ['Anh', 'anh'],
  ['Priya', 'priya'], ['Arjun', 'arjun'], ['Ananya', 'ananya'],
  ['Fatima', 'fatima'], ['Omar', 'omar'], ['Layla', 'layla'],
  ['Zoë', 'zoe'], ['Björn', 'bjorn'], ['Émilie', 'emilie'], ['Jürgen', 'jurgen'],
  ['Aroha', 'aroha'], ['Tane', 'tane'],
]);

export const FAMILY_NAMES: Name[] = pairs([
  ['Smith', 'smith'], ['Jones', 'jones'], ['Williams', 'williams'], ['Brown', 'brown'], ['Wilson', 'wilson'],
  ['Taylor', 'taylor'], ['Nguyen', 'nguyen'], ['Martin', 'martin'], ['Anderson', 'anderson'], ['Thompson', 'thompson'],
  ['White', 'white'], ['Walker', 'walker'], ['O\u2019Brien', 'obrien'], ['MacDonald', 'macdonald'],
  ['陳', 'chen'], ['林', 'lin'], ['黃', 'huang'], ['張', 'chang'], ['李', 'lee'], ['王', 'wang'],
  ['吳', 'wu'], ['劉', 'liu'], ['蔡', 'tsai'], ['楊', 'yang'],
  ['García', 'garcia'], ['Rodríguez', 'rodriguez'], ['Martínez', 'martinez'], ['López', 'lopez'], ['Hernández', 'hernandez'],
  ['Sato', 'sato'], ['Suzuki', 'suzuki'], ['Takahashi', 'takahashi'],
  ['Tran', 'tran'], ['Le', 'le'], ['Pham', 'pham'],
  ['Patel', 'patel'], ['Sharma', 'sharma'], ['Singh', 'singh'],
  ['Haddad', 'haddad'], ['Khalil', 'khalil'],
  ['Müller', 'muller'], ['Schmidt', 'schmidt'], ['Dubois', 'dubois'], ['Rossi', 'rossi'], ['Johansson', 'johansson'],
  ['Ngata', 'ngata'],
]);

export const COMPANIES = [
  'Example Incorporated', 'Harbour Health', 'Northwind Logistics', 'Blue Gum Hospitality', 'Summit Retail',
  '台灣綠能股份有限公司', '大安物流', 'Constructora del Sur', 'Kiwi Field Services', 'Lakeside Aged Care',
];

export const TIME_ZONES = ['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Auckland', 'Taipei', 'Hong Kong', 'Tokyo', 'London', 'Madrid', 'Mexico City', 'Pacific Time (US & Canada)', 'Eastern Time (US & Canada)', 'UTC'];

export const COURSE_TOPICS = [
  'Workplace Safety', 'Customer Service', 'First Aid', 'Food Handling', 'Manual Handling', 'Fire Warden',
  'Infection Control', 'Leadership', 'Conflict Resolution', 'Privacy and Data Protection', 'Anti-Bullying',
  'Forklift Operation', 'Working at Heights', 'Cultural Awareness', 'Time Management', 'Sales Essentials',
  'Onboarding', 'Cash Handling', 'Responsible Service of Alcohol', 'Cyber Security Awareness',
  '職場安全', '顧客服務', '急救', '領導力', '資訊安全', 'Seguridad Laboral', 'Atención al Cliente',
];

export const COURSE_LEVELS = ['Fundamentals', 'Essentials', 'Refresher', 'Advanced', 'for Supervisors', 'in Practice', 'Masterclass', '入門', '進階'];

export const GROUP_WORDS = ['Class of', 'Cohort', 'Night Shift', 'Day Shift', 'Sydney Team', 'Taipei Office', 'Warehouse Crew', 'Graduates', 'Apprentices', '新進人員', '北區', 'Equipo Madrid'];
